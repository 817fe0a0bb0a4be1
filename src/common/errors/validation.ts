import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonError, type FieldError } from './domain-error.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({ field, code, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * How deep a request's JSON may nest. Real bodies stay far below it (segment rules allow 5
 * levels of groups); class-transformer and class-validator recurse per level and overflow the
 * stack a few hundred levels down, which was a 500.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Walks a parsed body (iteratively: it may be nested arbitrarily deep) for what no DTO can
 * express: string values holding U+0000, which PostgreSQL cannot store in text, and nesting
 * deeper than MAX_JSON_DEPTH.
 */
function inspect(value: unknown, root: string): { nul: string[]; tooDeep: string | undefined } {
  const nul: string[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) nul.push(path || 'value');
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return { nul, tooDeep: path || 'value' };
      const entries = Array.isArray(v) ? v.map((x, i) => [`${path}[${i}]`, x] as const) : Object.entries(v).map(([k, x]) => [path ? `${path}.${k}` : k, x] as const);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: entries[i]![0], depth: depth + 1 });
    }
  }
  return { nul, tooDeep: undefined };
}

class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type !== 'custom') {
      const { nul, tooDeep } = inspect(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (tooDeep) {
        throw new CommonError('VALIDATION_FAILED', `The request is nested more than ${MAX_JSON_DEPTH} levels deep.`, [
          { field: tooDeep, code: 'tooDeep', message: `must not nest more than ${MAX_JSON_DEPTH} levels deep` },
        ]);
      }
      if (nul.length) {
        throw new CommonError(
          'VALIDATION_FAILED',
          `${nul.length} field(s) are invalid.`,
          nul.map((field) => ({ field, code: 'noNulCharacter', message: 'must not contain the NUL character' })),
        );
      }
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
