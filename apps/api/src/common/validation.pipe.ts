import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '../../../../libs/forms/form-registry';
import { ApiException } from './api-exception';

/** Unknown or missing fields and bad values → 400 VALIDATION_FAILED, one detail per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => ApiException.validation(flattenValidationErrors(errors)),
  });
}
