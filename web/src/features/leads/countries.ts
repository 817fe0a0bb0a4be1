import { useLocale } from 'next-intl';
import { useMemo } from 'react';

/**
 * ISO 3166-1 alpha-2 codes the API accepts (src/common/geo/countries.ts: the time zone
 * database's country list). Names come from the browser's Intl.DisplayNames, in the UI language.
 */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT ' +
  'JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG ' +
  'NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH ' +
  'TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export interface CountryOption {
  code: string;
  name: string;
}

/** A country's name in `locale`, or its code when the browser has no name for it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country, by name in `locale`, sorted as that language sorts. */
export function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Case- and accent-insensitive: "reunion" finds "La Réunion", "fr" finds France by its code. */
export function matchCountry(option: CountryOption, search: string): boolean {
  const q = fold(search.trim());
  return !q || fold(option.name).includes(q) || option.code.toLowerCase() === q;
}

/** The countries matching `search`, those whose code is it or whose name starts with it first ("fra": France before Guyane française). */
export function searchCountries(options: CountryOption[], search: string): CountryOption[] {
  const q = fold(search.trim());
  if (!q) return options;
  const found = options.filter((o) => matchCountry(o, search));
  const first = (o: CountryOption) => o.code.toLowerCase() === q || fold(o.name).startsWith(q);
  return [...found.filter(first), ...found.filter((o) => !first(o))];
}

export function useCountryName(): (code: string) => string {
  const locale = useLocale();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return (code: string) => names.of(code) ?? code;
  }, [locale]);
}

export function useCountryOptions(): CountryOption[] {
  const locale = useLocale();
  return useMemo(() => countryOptions(locale), [locale]);
}
