import type { useFormatter } from 'next-intl';

/** "1 299,50" or "1299.5" → 129950 minor units; '' → null; anything else → undefined (invalid). */
export function parseMoney(raw: string): number | null | undefined {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  return Math.round(Number(s) * 100);
}

/** 129950 → "1299.50" for an input. */
export function moneyInput(minor: number | null | undefined): string {
  return minor === null || minor === undefined ? '' : (minor / 100).toFixed(2);
}

/** What formats numbers: next-intl's formatter (`useFormatter()`). */
export type NumberFormatter = Pick<ReturnType<typeof useFormatter>, 'number'>;

/** A price in minor units as text in the reader's locale (whole units for property prices); null without a price. */
export function formatPrice(format: NumberFormatter, minor: number | null, currency: string | null, wholeUnits = false): string | null {
  if (minor === null || !currency) return null;
  return format.number(minor / 100, { style: 'currency', currency, ...(wholeUnits && { maximumFractionDigits: 0 }) });
}

/** Field errors of an API problem, by field name. */
export function fieldErrorMap(errors: readonly { field: string; message: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) if (!out[e.field]) out[e.field] = e.message;
  return out;
}
