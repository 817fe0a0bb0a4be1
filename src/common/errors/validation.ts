import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonError, type FieldError } from './domain-error.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({ field, code, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTOs at the edge: unknown fields rejected, every bad field listed in the problem body. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new CommonError('VALIDATION_FAILED', `${fieldErrors.length} field(s) are invalid.`, fieldErrors);
    },
  });
}
