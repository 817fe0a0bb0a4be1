import type { FieldError } from '../../../common/errors/domain-error.js';
import { minorDigits } from '../shared/catalog-values.js';
import { propertyTypeOf } from '../properties/property-types.js';
import { normaliseDecimal, normaliseHeader, toMinorUnits } from './csv-table.js';

export type CellKind = 'text' | 'int' | 'decimal' | 'bool' | 'upper' | 'lower' | 'json' | 'propertyType';

export interface ColumnSpec {
  field: string;
  kind: CellKind;
  aliases: string[];
}

/** How the columns of a header map to fields; `attr.x` / `attribute.x` columns fill attributes.x. */
export interface ColumnMap {
  fields: { index: number; spec: ColumnSpec }[];
  /** Price in major units ("12.50"), converted with the currency's minor digits. */
  price?: number;
  attributes: { index: number; key: string }[];
  ignored: string[];
}

const PRICE_ALIASES = ['price', 'prix', 'amount', 'montant'];
const ATTRIBUTE_PREFIX = /^(attr|attribute|attribut)[.:](.+)$/i;

export function mapColumns(header: string[], specs: ColumnSpec[]): ColumnMap {
  const map: ColumnMap = { fields: [], attributes: [], ignored: [] };
  const taken = new Set<string>();
  header.forEach((raw, index) => {
    const attr = ATTRIBUTE_PREFIX.exec(raw.trim());
    if (attr) return void map.attributes.push({ index, key: attr[2]!.trim() });
    const h = normaliseHeader(raw);
    const spec = specs.find((s) => s.aliases.includes(h) || normaliseHeader(s.field) === h);
    if (spec && !taken.has(spec.field)) {
      taken.add(spec.field);
      map.fields.push({ index, spec });
    } else if (PRICE_ALIASES.includes(h) && map.price === undefined) map.price = index;
    else map.ignored.push(raw);
  });
  return map;
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'oui', 'o', 'vrai']);
const FALSE = new Set(['false', '0', 'no', 'n', 'non', 'faux']);

/** A cell as the DTO expects it; values that cannot convert stay strings so validation names them. */
function convert(kind: CellKind, cell: string): unknown {
  switch (kind) {
    case 'int':
      return /^-?\d+$/.test(cell) ? Number(cell) : cell;
    case 'decimal': {
      const d = normaliseDecimal(cell);
      return d === null ? cell : Number(d);
    }
    case 'bool':
      return TRUE.has(cell.toLowerCase()) ? true : FALSE.has(cell.toLowerCase()) ? false : cell;
    case 'upper':
      return cell.toUpperCase();
    case 'lower':
      return cell.toLowerCase();
    case 'propertyType':
      return propertyTypeOf(cell) ?? cell;
    case 'json':
      try {
        return JSON.parse(cell);
      } catch {
        return cell;
      }
    default:
      return cell;
  }
}

/**
 * One CSV record → the fields it sets. Columns present set their field (an empty cell clears it);
 * absent columns leave the stored value alone. Attribute columns merge into `baseAttributes`.
 */
export function rowToInput(values: string[], map: ColumnMap, existing?: { currency?: string | null; attributes?: unknown }): { input: Record<string, unknown>; errors: FieldError[] } {
  const input: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const { index, spec } of map.fields) {
    const cell = (values[index] ?? '').trim();
    input[spec.field] = cell === '' ? null : convert(spec.kind, cell);
  }
  if (map.price !== undefined) {
    const cell = (values[map.price] ?? '').trim();
    if (cell === '') input.priceMinor ??= null;
    else {
      const currency = typeof input.currency === 'string' ? input.currency : existing?.currency;
      if (!currency || !/^[A-Z]{3}$/.test(currency)) errors.push({ field: 'price', code: 'currency', message: 'price needs a currency (a currency column)' });
      else {
        let minor: bigint | null = null;
        try {
          minor = toMinorUnits(cell, minorDigits(currency));
        } catch {
          minor = null;
        }
        if (minor === null) errors.push({ field: 'price', code: 'invalid', message: `price "${cell}" is not an amount in ${currency}` });
        else if (minor > BigInt(Number.MAX_SAFE_INTEGER)) errors.push({ field: 'price', code: 'max', message: 'price is too large' });
        else input.priceMinor = Number(minor);
      }
    }
  }
  if (map.attributes.length) {
    const base = input.attributes && typeof input.attributes === 'object' ? input.attributes : (existing?.attributes ?? {});
    const attributes: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const { index, key } of map.attributes) {
      const cell = (values[index] ?? '').trim();
      if (cell === '') delete attributes[key];
      else attributes[key] = cell;
    }
    input.attributes = attributes;
  }
  if (input.attributes === null) input.attributes = {};
  return { input, errors };
}

export const PRODUCT_COLUMNS: ColumnSpec[] = [
  { field: 'sku', kind: 'text', aliases: ['sku', 'code', 'productcode', 'codeproduit', 'article'] },
  { field: 'name', kind: 'text', aliases: ['name', 'nom', 'productname', 'libelle', 'designation'] },
  { field: 'description', kind: 'text', aliases: ['description'] },
  { field: 'priceMinor', kind: 'int', aliases: ['priceminor', 'priceminorunits', 'pricecents', 'prixcentimes'] },
  { field: 'currency', kind: 'upper', aliases: ['currency', 'devise', 'monnaie'] },
  { field: 'active', kind: 'bool', aliases: ['active', 'actif', 'enabled'] },
  { field: 'attributes', kind: 'json', aliases: ['attributes', 'attributs'] },
];

export const PROPERTY_COLUMNS: ColumnSpec[] = [
  { field: 'reference', kind: 'text', aliases: ['reference', 'ref', 'mandat'] },
  { field: 'title', kind: 'text', aliases: ['title', 'titre'] },
  { field: 'description', kind: 'text', aliases: ['description'] },
  { field: 'propertyType', kind: 'propertyType', aliases: ['propertytype', 'type', 'typedebien', 'typebien'] },
  { field: 'transactionType', kind: 'lower', aliases: ['transactiontype', 'transaction'] },
  { field: 'status', kind: 'lower', aliases: ['status', 'statut'] },
  { field: 'addressLine', kind: 'text', aliases: ['addressline', 'address', 'adresse'] },
  { field: 'postalCode', kind: 'text', aliases: ['postalcode', 'zip', 'zipcode', 'postcode', 'codepostal', 'cp'] },
  { field: 'city', kind: 'text', aliases: ['city', 'ville', 'commune'] },
  { field: 'country', kind: 'upper', aliases: ['country', 'pays', 'countrycode'] },
  { field: 'latitude', kind: 'decimal', aliases: ['latitude', 'lat'] },
  { field: 'longitude', kind: 'decimal', aliases: ['longitude', 'lng', 'lon', 'long'] },
  { field: 'surfaceM2', kind: 'decimal', aliases: ['surfacem2', 'surface', 'area', 'aream2'] },
  { field: 'rooms', kind: 'int', aliases: ['rooms', 'pieces', 'nbpieces'] },
  { field: 'bedrooms', kind: 'int', aliases: ['bedrooms', 'chambres', 'nbchambres'] },
  { field: 'energyRating', kind: 'upper', aliases: ['energyrating', 'dpe', 'classeenergie', 'classeenergetique', 'etiquetteenergie'] },
  { field: 'priceMinor', kind: 'int', aliases: ['priceminor', 'priceminorunits', 'pricecents', 'prixcentimes'] },
  { field: 'currency', kind: 'upper', aliases: ['currency', 'devise', 'monnaie'] },
  { field: 'attributes', kind: 'json', aliases: ['attributes', 'attributs'] },
];
