import { countryCodes, parseCountryCode } from '../../common/geo/countries.js';

export { parseCountryCode };

/**
 * Parsers for the standard lead fields (civility, country, postal code), shared by the API's
 * normaliser and the CSV import so a value is read the same whichever way it arrives. Pure and
 * synchronous: the import calls them once per cell.
 */

/** Lower case, accents and œ/æ unfolded: enough to recognise a word typed any way. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').trim();
}

export const CIVILITIES = ['mr', 'ms', 'other'] as const;
export type Civility = (typeof CIVILITIES)[number];

/**
 * The words people write in a civility column, folded (lower case, no accents, no dots or
 * spaces): French and English forms, abbreviated or not. "Mademoiselle" is read as "Madame":
 * French administration retired it in 2012 and a campaign should not bring it back.
 */
const CIVILITY_WORDS: Record<string, Civility> = {
  mr: 'mr', m: 'mr', monsieur: 'mr', mister: 'mr', sir: 'mr', mnsr: 'mr',
  ms: 'ms', mme: 'ms', madame: 'ms', mrs: 'ms', miss: 'ms', mlle: 'ms', melle: 'ms', mademoiselle: 'ms', mde: 'ms',
  other: 'other', autre: 'other', mx: 'other',
};

/** "Madame", "MME", "m.", "Mrs", "ms" … → mr | ms | other; null when it is none of these. */
export function parseCivility(raw: string): Civility | null {
  const key = fold(raw).replace(/[.\s]/g, '');
  return CIVILITY_WORDS[key] ?? null;
}

let countryNames: Map<string, string> | undefined;

/**
 * A code, or a country's name in French or English ("France", "Belgique", "royaume-uni",
 * "Réunion"), as imports carry either. Names come from Intl.DisplayNames, built once.
 */
export function parseCountry(raw: string): string | null {
  const code = parseCountryCode(raw);
  if (code) return code;
  if (!countryNames) {
    countryNames = new Map();
    for (const locale of ['en', 'fr']) {
      const names = new Intl.DisplayNames([locale], { type: 'region' });
      for (const c of countryCodes()) countryNames.set(fold(names.of(c) ?? c).replace(/[^a-z]/g, ''), c);
    }
  }
  return countryNames.get(fold(raw).replace(/[^a-z]/g, '')) ?? null;
}

/**
 * Postal code formats of the countries our customers mail most; other countries' codes are
 * only trimmed. France and its overseas territories share the 5-digit La Poste code.
 */
const POSTAL_FORMATS: Record<string, { pattern: RegExp; example: string }> = {
  FR: { pattern: /^\d{5}$/, example: '75008' },
  GP: { pattern: /^971\d{2}$/, example: '97110' },
  MQ: { pattern: /^972\d{2}$/, example: '97200' },
  GF: { pattern: /^973\d{2}$/, example: '97300' },
  RE: { pattern: /^974\d{2}$/, example: '97400' },
  PM: { pattern: /^975\d{2}$/, example: '97500' },
  YT: { pattern: /^976\d{2}$/, example: '97600' },
  // Saint-Barthélemy and Saint-Martin kept codes from Guadeloupe's range.
  BL: { pattern: /^97133$/, example: '97133' },
  MF: { pattern: /^9715\d$/, example: '97150' },
  MC: { pattern: /^980\d{2}$/, example: '98000' },
  BE: { pattern: /^\d{4}$/, example: '1000' },
  CH: { pattern: /^\d{4}$/, example: '1201' },
  LU: { pattern: /^\d{4}$/, example: '1009' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  ES: { pattern: /^\d{5}$/, example: '28001' },
  IT: { pattern: /^\d{5}$/, example: '00118' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: '1011 AB' },
  PT: { pattern: /^\d{4}-\d{3}$/, example: '1000-001' },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, example: 'SW1A 1AA' },
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '10001' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/, example: 'H2X 1Y4' },
};

export type PostalCodeResult = { ok: true; postalCode: string } | { ok: false; message: string };

/**
 * Trimmed, spaces collapsed, upper-cased; checked against the country's format when we know it.
 * A French code of 4 digits is the spreadsheet's doing (it read 01000 as a number), so it gets
 * its leading zero back.
 */
export function normalisePostalCode(raw: string, country: string | null | undefined): PostalCodeResult {
  let code = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  if (!code) return { ok: false, message: 'postal code is empty' };
  if (code.length > 20) return { ok: false, message: 'postal code must be at most 20 characters' };
  const format = country ? POSTAL_FORMATS[country] : undefined;
  if (!format) return { ok: true, postalCode: code };
  // "75 008" is how some people write it; digits-only formats never contain a space.
  if (/^[\d ]+$/.test(code) && !/ /.test(format.example)) code = code.replace(/ /g, '');
  if (country === 'FR' && /^\d{4}$/.test(code)) code = `0${code}`;
  return format.pattern.test(code) ? { ok: true, postalCode: code } : { ok: false, message: `postal code must look like ${format.example} in ${country}` };
}

/** Territories with their own ISO code that La Poste serves with French postal codes. */
export const FRENCH_OVERSEAS = new Set(['GP', 'MQ', 'GF', 'RE', 'PM', 'YT', 'BL', 'MF']);

/** Countries whose postal codes are in the French communes file (France, overseas departments and collectivities). */
export function usesFrenchPostalCodes(country: string): boolean {
  return country === 'FR' || FRENCH_OVERSEAS.has(country);
}
