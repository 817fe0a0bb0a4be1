import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ct from 'countries-and-timezones';
import { usesFrenchPostalCodes } from './lead-standard-fields.js';

/**
 * What a lead's country and postal code tell us without asking anyone: its time zone, and for
 * French codes its city and region (from the communes file of @etalab/decoupage-administratif,
 * shipped with the code). Done when the lead is written (normaliser, import), not by the
 * enrichment providers: it is local, deterministic and instant, so the lead page, segments and
 * the next campaign see the city at once, and an import of 100,000 rows costs a Map lookup per
 * row rather than 100,000 enrichment jobs.
 */

/** French postal codes by overseas prefix: La Poste's 97x/98x ranges, each one time zone. */
const OVERSEAS_ZONES: [prefix: string, zone: string][] = [
  ['971', 'America/Guadeloupe'],
  ['972', 'America/Martinique'],
  ['973', 'America/Cayenne'],
  ['974', 'Indian/Reunion'],
  ['975', 'America/Miquelon'],
  ['976', 'Indian/Mayotte'],
  ['986', 'Pacific/Wallis'],
  ['988', 'Pacific/Noumea'],
];

const zoneCache = new Map<string, string | null>();

/**
 * The one time zone a country lives in, or null when it has several that differ (Spain with the
 * Canaries, the United States). Countries whose zones all keep the same offsets count as one
 * (Germany's Büsingen follows Zurich, which follows Berlin). The tz database merges zones of
 * countries that share a clock (the Netherlands into Europe/Brussels, Réunion into Asia/Dubai);
 * a person expects their own country's name, so the country's own alias is preferred.
 */
function countryZone(country: string): string | null {
  if (zoneCache.has(country)) return zoneCache.get(country)!;
  const canonical = ct.getTimezonesForCountry(country) ?? [];
  const offsets = new Set(canonical.map((z) => `${z.utcOffset}/${z.dstOffset}`));
  let zone: string | null = null;
  if (canonical.length && offsets.size === 1) {
    const all = ct.getTimezonesForCountry(country, { deprecated: true }) ?? [];
    const own = (z: { name: string; countries: string[] }) => z.name.includes('/') && !z.name.startsWith('Etc/') && z.countries[0] === country;
    zone = (canonical.find(own) ?? all.find((z) => own(z) && z.aliasOf && offsets.has(`${z.utcOffset}/${z.dstOffset}`)) ?? canonical[0]!).name;
  }
  zoneCache.set(country, zone);
  return zone;
}

/** A lead's time zone from its country (and, in France, its postal code); null when that does not tell. */
export function inferTimezone(country: string | null | undefined, postalCode?: string | null): string | null {
  if (!country) return null;
  if (country === 'FR' && postalCode) {
    const overseas = OVERSEAS_ZONES.find(([prefix]) => postalCode.startsWith(prefix));
    if (overseas) return overseas[1];
  }
  return countryZone(country);
}

export interface PostalPlace {
  /** Communes served by this code, in the file's order; several for rural codes. */
  cities: string[];
  /** Null when its communes lie in different regions, or outside any (overseas collectivities). */
  region: string | null;
}

export type FrenchPostalCodes = ReadonlyMap<string, PostalPlace>;

interface Commune {
  nom: string;
  type: string;
  region?: string;
  codesPostaux?: string[];
}

let loading: Promise<FrenchPostalCodes> | undefined;

/**
 * Every French postal code with its communes and region, read once per process on first use
 * (8.6 MB of JSON parsed in about 0.2 s, then about 6,300 small entries kept).
 */
export function frenchPostalCodes(): Promise<FrenchPostalCodes> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const read = async <T>(file: string) => JSON.parse(await readFile(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8')) as T;
    const [communes, regions] = await Promise.all([read<Commune[]>('communes.json'), read<{ code: string; nom: string }[]>('regions.json')]);
    const regionName = new Map(regions.map((r) => [r.code, r.nom]));
    const byCode = new Map<string, { cities: string[]; regions: Set<string | null> }>();
    for (const c of communes) {
      // Current communes only: former (déléguée, associée) ones and Paris/Lyon/Marseille's arrondissements would repeat them.
      if (c.type !== 'commune-actuelle') continue;
      for (const code of c.codesPostaux ?? []) {
        const entry = byCode.get(code) ?? { cities: [], regions: new Set() };
        entry.cities.push(c.nom);
        entry.regions.add((c.region && regionName.get(c.region)) ?? null);
        byCode.set(code, entry);
      }
    }
    return new Map([...byCode].map(([code, e]) => [code, { cities: e.cities, region: e.regions.size === 1 ? [...e.regions][0]! : null }]));
  })().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

export interface LeadLocation {
  country: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  timezone: string | null;
}

/**
 * What can be filled in a lead's location, never overwriting a value it has: the time zone from
 * country and postal code; for a French postal code, the region when its communes share one and
 * the city when the code serves a single commune.
 */
export function completeLocation(lead: LeadLocation, postal: FrenchPostalCodes): Partial<Pick<LeadLocation, 'city' | 'region' | 'timezone'>> {
  const fill: Partial<Pick<LeadLocation, 'city' | 'region' | 'timezone'>> = {};
  if (!lead.timezone) {
    const zone = inferTimezone(lead.country, lead.postalCode);
    if (zone) fill.timezone = zone;
  }
  if (lead.postalCode && lead.country && usesFrenchPostalCodes(lead.country) && (!lead.city || !lead.region)) {
    const place = postal.get(lead.postalCode);
    if (place) {
      if (!lead.city && place.cities.length === 1) fill.city = place.cities[0];
      if (!lead.region && place.region) fill.region = place.region;
    }
  }
  return fill;
}
