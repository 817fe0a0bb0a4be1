import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Lower-cased, trimmed; a pragmatic RFC 5322 subset (what mail servers actually accept). */
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function normaliseLeadEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** E.164, reading national numbers in the tenant's country (France by default). */
export function normaliseLeadPhone(raw: string, defaultCountry: CountryCode = 'FR'): string | null {
  const phone = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return phone?.isValid() ? phone.number : null;
}

/** Trimmed, de-duplicated (case-insensitively), at most 50 tags of at most 50 characters. */
export function normaliseTags(tags: string[]): string[] | null {
  const seen = new Map<string, string>();
  for (const t of tags.map((x) => x.trim()).filter(Boolean)) {
    if (t.length > 50) return null;
    if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return seen.size > 50 ? null : [...seen.values()];
}
