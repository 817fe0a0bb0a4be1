import { normaliseEmail, normaliseLanguage, normalisePhone } from './import/validate.js';

/**
 * The API's view of the normalisers the CSV import uses, so a lead's email (the upsert key)
 * and phone are stored identically whichever way they arrive.
 */
export function normaliseLeadEmail(raw: string): string | null {
  const result = normaliseEmail(raw);
  return result.ok ? result.email : null;
}

export const normaliseLeadPhone = normalisePhone;
export const normaliseLeadLanguage = normaliseLanguage;

/** Trimmed, de-duplicated (case-insensitively), at most 50 tags of at most 50 characters. */
export function normaliseTags(tags: string[]): string[] | null {
  const seen = new Map<string, string>();
  for (const t of tags.map((x) => x.trim()).filter(Boolean)) {
    if (t.length > 50) return null;
    if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return seen.size > 50 ? null : [...seen.values()];
}
