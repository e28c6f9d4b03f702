import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

/** The API's environment, validated once at boot; defaults serve the embedded setup. */
export class ApiEnv {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  DATABASE_URL = 'postgres://bpm:bpm@127.0.0.1:5432/credit_bpm';

  @IsString()
  @MinLength(16)
  JWT_SECRET = 'dev-only-secret-change-me-in-production';

  /** Token lifetime in seconds (default 8 hours: one working day). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_TTL = 8 * 3600;

  /** Login attempts per minute per client address. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;
}

export function validateEnv(raw: Record<string, unknown>): ApiEnv {
  const env = plainToInstance(ApiEnv, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length) {
    throw new Error(`invalid environment: ${errors.map((e) => Object.values(e.constraints ?? {}).join(', ')).join('; ')}`);
  }
  return env;
}
