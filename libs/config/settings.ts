/**
 * The one settings object of the API, the worker and the scripts: every environment variable
 * the app reads, validated once (at first use, which each entry point makes its first line) and
 * cached. Defaults serve the embedded setup that `npm start` builds; README's configuration
 * table lists them. Nothing else in apps/, libs/ or activities/ reads process.env.
 */
import 'reflect-metadata';
import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'crypto';
import { TASK_QUEUE } from '../contracts/workflow-contract';
import { DEFAULT_COMMITTEE_REVIEW_FROM_YUAN, ReportThresholds } from '../domain/report-policy';

const toNumber = () => Type(() => Number);

export class Settings {
  @Expose()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Interface the API binds to: loopback unless said otherwise (a container needs 0.0.0.0). */
  @Expose()
  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  @Expose()
  @toNumber()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Expose()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://bpm:bpm@127.0.0.1:5432/credit_bpm';

  @Expose()
  @toNumber()
  @IsInt()
  @Min(1)
  DATABASE_POOL_SIZE = 10;

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = TASK_QUEUE;

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_UI_URL = 'http://localhost:8233';

  /** How long a start or a decision waits for Temporal before answering 503. */
  @Expose()
  @toNumber()
  @IsInt()
  @Min(100)
  TEMPORAL_RPC_TIMEOUT_MS = 5000;

  /** No default: `npm start` generates one per data folder; see jwtSecret(). */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(16)
  JWT_SECRET?: string;

  /** Token lifetime in seconds (default 8 hours: one working day). */
  @Expose()
  @toNumber()
  @IsInt()
  @Min(60)
  JWT_TTL = 8 * 3600;

  /** Login attempts per minute per client address and username (guessing one account). */
  @Expose()
  @toNumber()
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /** Failed logins per client address, across accounts, within LOGIN_FAILURE_WINDOW_S (spraying). */
  @Expose()
  @toNumber()
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_LIMIT = 30;

  @Expose()
  @toNumber()
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_S = 15 * 60;

  /** The business hours; production changes wait for the time outside them. */
  @Expose()
  @Matches(/^\d{2}:\d{2}-\d{2}:\d{2}$/, { message: 'MAINTENANCE_WINDOW must look like 09:00-17:30 (the business hours)' })
  MAINTENANCE_WINDOW = '09:00-17:30';

  /** P8: from this amount (yuan) an investigation report gets the committee as third review level. */
  @Expose()
  @toNumber()
  @IsInt()
  @Min(0)
  INVESTIGATION_COMMITTEE_THRESHOLD = DEFAULT_COMMITTEE_REVIEW_FROM_YUAN;

  /** P8: from this amount (yuan) the center head approves the contract too; unset = the committee threshold. */
  @Expose()
  @IsOptional()
  @toNumber()
  @IsInt()
  @Min(0)
  CONTRACT_CENTER_HEAD_THRESHOLD?: number;

  @Expose()
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /** The built web inbox; default apps/web/dist. */
  @Expose()
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /** The data folder of the embedded setup (Temporal state, logs, the key files). */
  @Expose()
  @IsOptional()
  @IsString()
  BPM_DATA_DIR?: string;

  /** The audit chain's HMAC key, kept outside the database; required in production. */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must have at least 32 characters' })
  AUDIT_HMAC_KEY?: string;

  /** Signed checkpoints of the audit chain (default: $BPM_DATA_DIR/audit-checkpoints.log). */
  @Expose()
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_FILE?: string;

  @Expose()
  @toNumber()
  @IsInt()
  @Min(0)
  AUDIT_CHECKPOINT_ROWS = 500;

  @Expose()
  @toNumber()
  @IsInt()
  @Min(0)
  AUDIT_CHECKPOINT_SECONDS = 30;

  /** Rows per batch read by `npm run audit:verify`. */
  @Expose()
  @toNumber()
  @IsInt()
  @Min(1)
  AUDIT_VERIFY_BATCH = 5000;

  /** `false` skips the demo users and sample data in the database setup. */
  @Expose()
  @Transform(({ value }) => value !== false && String(value).toLowerCase() !== 'false')
  SEED_DEMO = true;
}

let cached: Settings | undefined;

/** Parses and validates an environment; throws one error naming every bad variable. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  // Empty strings count as unset, as a shell's `X=` usually means.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(Settings, given, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(parsed);
  if (errors.length) {
    throw new Error(`invalid settings: ${errors.map((e) => Object.values(e.constraints ?? {}).join(', ')).join('; ')}`);
  }
  return parsed;
}

/** The settings of this process, validated on first use and cached. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/** For tests that change process.env: the next settings() reads it again. */
export function resetSettings(): void {
  cached = undefined;
}

// Generated once per process (not per cache), so tokens stay valid across resetSettings().
const processSecret = randomBytes(32).toString('hex');

/**
 * The key that signs access tokens. Production refuses to start without JWT_SECRET; elsewhere
 * (tests, a bare `node main.js`) a random per-process key stands in, so there is no default
 * secret anyone could know, at the cost of tokens not surviving a restart.
 */
export function jwtSecret(s: Settings = settings()): string {
  if (s.JWT_SECRET) return s.JWT_SECRET;
  if (s.NODE_ENV === 'production') throw new Error('JWT_SECRET is required when NODE_ENV=production (at least 16 characters)');
  return processSecret;
}

/** P8's amounts: the contract threshold falls back to the committee threshold. */
export function reportThresholds(s: Settings = settings()): ReportThresholds {
  return { committeeReviewFromYuan: s.INVESTIGATION_COMMITTEE_THRESHOLD, centerHeadContractFromYuan: s.CONTRACT_CENTER_HEAD_THRESHOLD ?? s.INVESTIGATION_COMMITTEE_THRESHOLD };
}
