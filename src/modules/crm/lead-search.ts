import { normaliseLeadPhone } from './lead-values.js';

/** Text made only of what people put in phone numbers, with at least four digits. */
const PHONE_CHARS = /^\+?[\d\s().\/-]+$/;
const MIN_PHONE_DIGITS = 4;

/**
 * What a lead search must find, as the lead's search text (crm.leads.search_text: name, email,
 * company and phone, folded) must contain it: every group is required, any one of a group's
 * terms satisfies it. Terms are raw user text; the query folds them (case, accents, ligatures).
 *
 * - Words: each must appear, in any order ("lefevre helene" finds "Hélène Lefèvre").
 * - A phone number, however written (+33 6 12 34 56 78, 06.12.34.56.78, 0033612345678,
 *   612345678): phones are stored in E.164, so a valid number is looked up in that form. The
 *   digits are searched too (less a national trunk 0 or an international 00, which never appear in
 *   E.164), so part of a number is found as it is typed ("06 12 34" finds +33612345678).
 */
export function leadSearchTerms(q: string): string[][] {
  const text = q.trim();
  if (!text) return [];
  const digits = text.replace(/\D/g, '');
  if (PHONE_CHARS.test(text) && digits.length >= MIN_PHONE_DIGITS) {
    const international = text.startsWith('+') ? `+${digits}` : digits.startsWith('00') ? `+${digits.slice(2)}` : null;
    const stored = international ?? (digits.startsWith('0') ? digits.slice(1) : digits);
    const e164 = normaliseLeadPhone(text);
    // As typed too: "2026-11" may be part of an email or a company name rather than a number.
    return [[...new Set([...(e164 ? [e164] : []), stored, text])]];
  }
  const words = new Map(text.split(/\s+/).map((w) => [w.toLowerCase(), w]));
  return [...words.values()].map((w) => [w]);
}
