import ct from 'countries-and-timezones';

/**
 * ISO 3166-1 alpha-2 country codes, from the time zone database's country list (every assigned
 * code but a few uninhabited ones). Shared by the workspace's default country and lead fields.
 */
const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(ct.getAllCountries()));

export function countryCodes(): ReadonlySet<string> {
  return COUNTRY_CODES;
}

/** "fr", " FR " → "FR"; null when it is not an assigned ISO 3166-1 alpha-2 code. */
export function parseCountryCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) && COUNTRY_CODES.has(code) ? code : null;
}
