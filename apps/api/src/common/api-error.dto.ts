import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorCode, STATUS_OF } from './api-exception';

export class FieldErrorDto {
  @ApiProperty({ example: 'input.subjectCode' }) field!: string;
  @ApiProperty() message!: string;
}

/** API.md's error body, the one shape of every refused request (ApiExceptionFilter). */
@ApiExtraModels(FieldErrorDto)
export class ApiErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ enum: ApiErrorCode, enumName: 'ApiErrorCode' }) code!: ApiErrorCode;
  @ApiProperty() message!: string;

  @ApiPropertyOptional({
    description: 'VALIDATION_FAILED: one entry per field; otherwise what the code needs to explain itself',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldErrorDto) } }, { type: 'object', additionalProperties: true }],
  })
  details?: FieldErrorDto[] | Record<string, unknown>;
}

const WHEN: Record<ApiErrorCode, string> = {
  VALIDATION_FAILED: 'malformed JSON, unknown or missing fields, bad values',
  UNAUTHENTICATED: 'no token, a bad or expired token, a wrong password',
  FORBIDDEN: 'the user lacks the role for this action or process type',
  FOUR_EYES: 'the user already acted on a step this one must be done by someone else',
  PASSWORD_CHANGE_REQUIRED: 'a password change is due first',
  NOT_FOUND: 'unknown process, task, type or notice',
  CONFLICT: 'the task is not open, is claimed by someone else, or the process has ended',
  TOO_MANY_REQUESTS: 'login attempts over the limit',
  PAYLOAD_TOO_LARGE: 'a request body over the stated limit (1 MB)',
  UNAVAILABLE: 'the database or the Temporal server cannot be reached',
  INTERNAL: 'an unexpected error',
};

/**
 * The error responses of an endpoint, each with API.md's error body and the codes it can carry.
 * Every endpoint behind the token guard can answer UNAUTHENTICATED and PASSWORD_CHANGE_REQUIRED,
 * and every one that reads the database UNAVAILABLE: pass them explicitly where they apply.
 */
export function ApiErrors(...codes: ApiErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) byStatus.set(STATUS_OF[code], [...(byStatus.get(STATUS_OF[code]) ?? []), code]);
  return applyDecorators(
    ...[...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, of]) => ApiResponse({ status, type: ApiErrorBody, description: of.map((code) => `\`${code}\`: ${WHEN[code]}`).join('; ') })),
  );
}

/** The errors any authenticated call can answer. */
export const AUTHENTICATED_ERRORS = [ApiErrorCode.UNAUTHENTICATED, ApiErrorCode.PASSWORD_CHANGE_REQUIRED, ApiErrorCode.UNAVAILABLE] as const;
