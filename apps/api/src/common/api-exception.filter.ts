import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { ApiErrorCode, ApiException, ErrorBody, STATUS_OF } from './api-exception';
import { BODY_LIMIT } from './body-guard';

/** Nest's own HTTP errors, by status, mapped to the codes of API.md. */
const CODE_OF_STATUS: Partial<Record<number, ApiErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ApiErrorCode.VALIDATION_FAILED,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ApiErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ApiErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ApiErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ApiErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ApiErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ApiErrorCode.TOO_MANY_REQUESTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ApiErrorCode.UNAVAILABLE,
};

/** An error from a dependency that is down, not from the request. */
export function isUnavailableError(error: unknown): boolean {
  const e = error as { code?: unknown; name?: string; message?: string };
  return (
    e?.name === 'ServiceError' ||
    e?.code === 14 /* gRPC UNAVAILABLE */ ||
    e?.code === 4 /* gRPC DEADLINE_EXCEEDED */ ||
    e?.code === 'ECONNREFUSED' ||
    e?.code === '57P01' /* admin shutdown */ ||
    /Connection terminated|ECONNREFUSED|connect ETIMEDOUT|TransportError|Failed to connect|deadline exceeded/i.test(e?.message ?? '')
  );
}

/** An error of the JSON body parser (body-parser): it carries a `type` such as `entity.parse.failed`. */
function isBodyParserError(e: unknown): e is { type: string; status: number; message: string } {
  const error = e as { type?: unknown; status?: unknown };
  return typeof error?.type === 'string' && typeof error.status === 'number' && error.status >= 400 && error.status < 500;
}

/** The one place that turns any error into API.md's error body. */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof ApiException) {
    return { statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.details && { details: exception.details }) };
  }
  if (exception instanceof ThrottlerException) {
    return { statusCode: 429, code: ApiErrorCode.TOO_MANY_REQUESTS, message: 'too many attempts, try again later' };
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.too.large') return { statusCode: 413, code: ApiErrorCode.PAYLOAD_TOO_LARGE, message: `the request body is larger than ${BODY_LIMIT}` };
    const message = exception.type === 'entity.parse.failed' ? `malformed JSON: ${exception.message}` : exception.message;
    return { statusCode: 400, code: ApiErrorCode.VALIDATION_FAILED, message, details: [{ field: 'body', message }] };
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

const logger = new Logger('ApiExceptionFilter');

function send(exception: unknown, response: Response): void {
  const body = errorBody(exception);
  if (body.statusCode >= 500) logger.error(exception instanceof Error ? exception.stack : String(exception));
  response.status(body.statusCode).json(body);
}

/** Errors from handlers, guards and pipes. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    send(exception, host.switchToHttp().getResponse<Response>());
  }
}

/** Errors from the Express middleware that runs before Nest's routing (body parsing, the body guard). */
export function middlewareErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  send(error, res);
}
