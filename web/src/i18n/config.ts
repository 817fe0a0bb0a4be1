export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'fr';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
/** Times are shown in this zone until tenants carry their own timezone. */
export const defaultTimeZone = process.env.NEXT_PUBLIC_TIMEZONE ?? 'Europe/Paris';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
