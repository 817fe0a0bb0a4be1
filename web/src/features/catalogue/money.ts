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

/** Field errors of an API problem, by field name. */
export function fieldErrorMap(errors: readonly { field: string; message: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) if (!out[e.field]) out[e.field] = e.message;
  return out;
}
