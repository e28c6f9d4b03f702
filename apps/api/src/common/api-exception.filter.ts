import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../../../../libs/persistence/db-resilience';
import { ApiErrorCode, ApiException, ErrorBody, STATUS_OF } from './api-exception';

/** Nest's own HTTP errors, by status, mapped to the codes of API.md. */
const CODE_OF_STATUS: Partial<Record<number, ApiErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ApiErrorCode.VALIDATION_FAILED,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ApiErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ApiErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ApiErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ApiErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ApiErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ApiErrorCode.TOO_MANY_REQUESTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ApiErrorCode.UNAVAILABLE,
};

/** An error from a dependency that is down (the database or Temporal), not from the request. */
export function isUnavailableError(error: unknown): boolean {
  const e = error as { code?: unknown; name?: string; message?: string; cause?: unknown };
  return (
    isDatabaseUnavailable(error) ||
    e?.name === 'ServiceError' ||
    e?.name === 'TemporalUnreachableError' ||
    (e?.name === 'TransportError') ||
    (!!e?.cause && e.cause !== error && (e.cause as { code?: unknown })?.code === 14) ||
    e?.code === 14 /* gRPC UNAVAILABLE */ ||
    e?.code === 4 /* gRPC DEADLINE_EXCEEDED */ ||
    e?.code === 'ECONNREFUSED' ||
    e?.code === '57P01' /* admin shutdown */ ||
    /Connection terminated|ECONNREFUSED|connect ETIMEDOUT|TransportError|Failed to connect|deadline exceeded/i.test(e?.message ?? '')
  );
}

/** The one place that turns any error into API.md's error body. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ApiException) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.details && { details: exception.details }) };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: ApiErrorCode.TOO_MANY_REQUESTS, message: 'too many attempts, try again later' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_OF_STATUS[status] ?? ApiErrorCode.INTERNAL;
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      const details = status === HttpStatus.BAD_REQUEST ? [{ field: 'body', message }] : undefined;
      return { statusCode: STATUS_OF[code] ?? status, code, message, ...(details && { details }) };
    }
    if (isUnavailableError(exception)) {
      return { statusCode: 503, code: ApiErrorCode.UNAVAILABLE, message: 'a backing service (database or Temporal) cannot be reached' };
    }
    return { statusCode: 500, code: ApiErrorCode.INTERNAL, message: 'internal error' };
  }
}
