import { registerDecorator, type ValidationOptions } from 'class-validator';

/** ISO 4217 codes this runtime knows (Intl's list: ~160 active currencies). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const isCurrency = (v: unknown): v is string => typeof v === 'string' && /^[A-Z]{3}$/.test(v) && CURRENCIES.has(v);

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** User-assigned and exceptionally reserved codes Intl names but ISO 3166-1 does not assign to a country (XK, Kosovo, is kept: it is in common use). */
const NOT_COUNTRIES = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;
export const isCountry = (v: unknown): v is string =>
  typeof v === 'string' && /^[A-Z]{2}$/.test(v) && !NOT_COUNTRIES.test(v) && REGIONS.of(v) !== v;

/** Minor-unit digits of a currency (EUR 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export const ATTRIBUTES_MAX_BYTES = 16 * 1024;

/** A plain JSON object (not an array) whose serialisation fits in 16 KB. */
export function IsAttributes(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAttributes',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a JSON object of at most 16 KB`, ...options },
      validator: { validate: (v: unknown) => isAttributes(v) },
    });
}

export function isAttributes(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Buffer.byteLength(JSON.stringify(v)) <= ATTRIBUTES_MAX_BYTES;
}

export const CURRENCY_MESSAGE = 'currency must be an ISO 4217 code such as EUR';
export const COUNTRY_MESSAGE = 'country must be an ISO 3166-1 alpha-2 code such as FR';

/** Escapes LIKE metacharacters so a search for "50%" looks for "50%". Used with ESCAPE '\'. */
export function IsCurrencyCode() {
  return (target: object, propertyName: string) =>
    registerDecorator({ name: 'isCurrencyCode', target: target.constructor, propertyName, options: { message: CURRENCY_MESSAGE }, validator: { validate: isCurrency } });
}

export function IsCountryCode() {
  return (target: object, propertyName: string) =>
    registerDecorator({ name: 'isCountryCode', target: target.constructor, propertyName, options: { message: COUNTRY_MESSAGE }, validator: { validate: isCountry } });
}

/** For PATCH: validate whenever the field is present, including null (so null is rejected for required fields). */
export const present = (_: object, v: unknown) => v !== undefined;

/** Query-string booleans. */
export const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
