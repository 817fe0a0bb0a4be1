import { normaliseLeadPhone } from './lead-values.js';

/** Text made only of what people put in phone numbers, with at least four digits. */
const PHONE_CHARS = /^\+?[\d\s().\/-]+$/;
const MIN_PHONE_DIGITS = 4;

/** One way for a lead to match: its phone is this E.164 number, or its search text contains this text. */
export type LeadSearchTerm = { phone: string } | { contains: string };

/**
 * What a lead search must find: every group is required, any one term of a group satisfies it.
 * `contains` terms are raw user text, matched against the lead's search text (crm.leads
 * .search_text: name, email, company and phone, folded); the query folds them too.
 *
 * - Words: each must appear, in any order ("lefevre helene" finds "Hélène Lefèvre").
 * - A phone number, however written (+33 6 12 34 56 78, 06.12.34.56.78, 0033612345678,
 *   612345678): phones are stored in E.164, so a valid number is that stored number (an exact,
 *   indexed lookup). Part of a number is searched by its digits, less a national trunk 0 or an
 *   international 00 that never appear in E.164 ("06 12 34" finds +33612345678); typed without
 *   spaces, as written too ("2026-11" may be part of an email).
 */
export function leadSearchTerms(q: string): LeadSearchTerm[][] {
  const text = q.trim();
  if (!text) return [];
  const digits = text.replace(/\D/g, '');
  if (PHONE_CHARS.test(text) && digits.length >= MIN_PHONE_DIGITS) {
    const e164 = normaliseLeadPhone(text);
    if (e164) return [[{ phone: e164 }]];
    const international = text.startsWith('+') ? `+${digits}` : digits.startsWith('00') ? `+${digits.slice(2)}` : null;
    const stored = international ?? (digits.startsWith('0') ? digits.slice(1) : digits);
    const asTyped = /\s/.test(text) || text === stored ? [] : [text];
    return [[stored, ...asTyped].map((contains) => ({ contains }))];
  }
  const words = new Map(text.split(/\s+/).map((w) => [w.toLowerCase(), w]));
  return [...words.values()].map((contains) => [{ contains }]);
}
