import { CommonError, type FieldError } from '../../../common/errors/domain-error.js';

/** A price needs a currency: checks the pair as it will be stored after a change. */
export function priceErrors(priceMinor: bigint | number | null | undefined, currency: string | null | undefined): FieldError[] {
  if (priceMinor !== null && priceMinor !== undefined && !currency) return [{ field: 'currency', code: 'required', message: 'currency is required with a price' }];
  return [];
}

/** Cross-field rules fail like DTO validation: 400 VALIDATION_FAILED listing each field. */
export function invalidIf(errors: FieldError[]): void {
  if (errors.length) throw new CommonError('VALIDATION_FAILED', `${errors.length} field(s) are invalid.`, errors);
}
