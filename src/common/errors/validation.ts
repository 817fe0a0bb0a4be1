import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonError, type FieldError } from './domain-error.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({ field, code, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Paths of string values holding U+0000, which PostgreSQL cannot store in text. */
function nulPaths(value: unknown, path: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || 'value');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, `${path}[${i}]`, found));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nulPaths(v, path ? `${path}.${k}` : k, found);
  }
  return found;
}

class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    const bad = metadata.type === 'custom' ? [] : nulPaths(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (bad.length) {
      throw new CommonError(
        'VALIDATION_FAILED',
        `${bad.length} field(s) are invalid.`,
        bad.map((field) => ({ field, code: 'noNulCharacter', message: 'must not contain the NUL character' })),
      );
    }
    return super.transform(value, metadata);
  }
}

/** DTOs at the edge: unknown fields rejected, every bad field listed in the problem body. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new CommonError('VALIDATION_FAILED', `${fieldErrors.length} field(s) are invalid.`, fieldErrors);
    },
  });
}
