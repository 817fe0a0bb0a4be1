import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '@/lib/api/client';

/**
 * Puts the API's field errors (`problem.errors[].field`) next to the matching inputs.
 * Returns the problem's general message when something could not be attached to a field.
 */
export function applyProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  translateCode: (code: string | undefined, fallback: string) => string,
): string | null {
  if (!(error instanceof ApiError)) return translateCode('NETWORK_ERROR', '');
  let attached = false;
  for (const e of error.problem.errors ?? []) {
    // Nested paths (`customFields.budget`) when the form has that field, else the top-level one.
    const field = (fields.includes(e.field as Path<T>) ? e.field : e.field.split('.')[0]) as Path<T>;
    if (fields.includes(field)) {
      setError(field, { type: 'server', message: translateCode(e.code, e.message) });
      attached = true;
    }
  }
  if (attached && !error.problem.code) return null;
  if (attached && (error.problem.code === 'VALIDATION_FAILED' || error.problem.code?.endsWith('_INVALID'))) return null;
  return translateCode(error.problem.code, error.problem.detail || error.problem.title || '');
}
