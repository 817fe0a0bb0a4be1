import type { PropertyTypeValue } from './property.dto.js';

/**
 * The listing type a word names, in French or English ("Appartement T3", "Maison de ville",
 * "Local commercial", "Bâtiment"…), for imports; the same words the migration that introduced the
 * fixed list used for the types written before (20261204141000_property_type_energy_rating.sql).
 * Checked in order: a "bureau commercial" is an office, a "parking lot" is parking.
 */
const WORDS: [PropertyTypeValue, RegExp][] = [
  ['parking', /(^|_)(parking|parkings|garage|garages|box|carport|stationnement)($|_)/],
  ['office', /(^|_)(office|offices|bureau|bureaux|coworking)($|_)/],
  ['commercial', /(^|_)(commercial|commerce|commerces|shop|store|retail|boutique|local|locaux|fonds|restaurant|hotel|warehouse|entrepot|atelier|industrial|industriel)($|_)/],
  ['building', /(^|_)(building|immeuble|batiment|block)($|_)/],
  ['land', /(^|_)(land|terrain|terrains|plot|lot|parcelle|field)($|_)/],
  ['house', /(^|_)(house|maison|villa|home|chalet|pavillon|cottage|bungalow|longere|mas|ferme|farmhouse|bastide|manoir|chateau|castle|townhouse)($|_)/],
  ['apartment', /(^|_)(apartment|apartments|appartement|appartements|appart|apt|flat|studio|studette|duplex|triplex|loft|condo|penthouse|[tf][1-9])($|_)/],
];

const TYPES = new Set<string>(['apartment', 'house', 'land', 'commercial', 'parking', 'office', 'building', 'other']);

/** The type `text` names, or null when none of the words fits. */
export function propertyTypeOf(text: string): PropertyTypeValue | null {
  const v = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  if (TYPES.has(v)) return v as PropertyTypeValue;
  return WORDS.find(([, re]) => re.test(v))?.[0] ?? null;
}
