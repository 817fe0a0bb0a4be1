import { LIFECYCLE_STAGES } from './segments/compiler/index.js';
import { CURSOR_PART, decodeCursorParts, encodeCursorParts } from '../../common/http/pagination.js';

/**
 * The lead list's sortable fields: `sort=<field>` ascending, `sort=-<field>` descending, nulls
 * last either way, ties broken by id in the same direction.
 *
 * Names sort as people read them, not by code point: the ICU root collation puts "Élodie" with
 * the Es and "de Gaulle" with the Ds (the database's own collation may be C). The columns
 * marketers sort big lists by (last name, company, city) have a (tenant_id, column, id) index in
 * that collation (20261208120000_lead_table.sql), as created_at and score already had.
 */
export const LEAD_SORT_FIELDS = {
  createdAt: { column: 'created_at', kind: 'time', nullable: false },
  updatedAt: { column: 'updated_at', kind: 'time', nullable: false },
  sourceCreatedAt: { column: 'source_created_at', kind: 'time', nullable: true },
  score: { column: 'score', kind: 'int', nullable: false },
  lastName: { column: 'last_name COLLATE "und-x-icu"', kind: 'text', nullable: true },
  firstName: { column: 'first_name COLLATE "und-x-icu"', kind: 'text', nullable: true },
  company: { column: 'company COLLATE "und-x-icu"', kind: 'text', nullable: true },
  city: { column: 'city COLLATE "und-x-icu"', kind: 'text', nullable: true },
  // Stored lower-case: the (tenant_id, email) unique index serves this order as it is.
  email: { column: 'email', kind: 'text', nullable: true },
  postalCode: { column: 'postal_code', kind: 'text', nullable: true },
  country: { column: 'country', kind: 'text', nullable: true },
  // Enums sort in their declared order: the funnel's (subscriber … evangelist), mr, ms, other.
  lifecycleStage: { column: 'lifecycle_stage', kind: 'enum', nullable: false, type: 'crm."LifecycleStage"', values: LIFECYCLE_STAGES },
  civility: { column: 'civility', kind: 'enum', nullable: true, type: 'crm."Civility"', values: ['mr', 'ms', 'other'] },
} as const satisfies Record<string, { column: string; kind: 'time' | 'int' | 'text' | 'enum'; nullable: boolean; type?: string; values?: readonly string[] }>;

export type LeadSortField = keyof typeof LEAD_SORT_FIELDS;
export const LEAD_SORT_FIELD_NAMES = Object.keys(LEAD_SORT_FIELDS) as LeadSortField[];
/** Every value `sort` takes: each field ascending, and descending with a leading "-". */
export const LEAD_SORTS = LEAD_SORT_FIELD_NAMES.flatMap((f) => [f, `-${f}`]);
export const DEFAULT_LEAD_SORT = '-createdAt';

export interface LeadSort {
  field: LeadSortField;
  descending: boolean;
}

export function parseLeadSort(sort: string | undefined): LeadSort {
  const raw = sort ?? DEFAULT_LEAD_SORT;
  const descending = raw.startsWith('-');
  return { field: (descending ? raw.slice(1) : raw) as LeadSortField, descending };
}

/** Where the next page starts: the sort value (null: the nulls, which come last) and the id of the last row seen. */
export interface LeadCursor {
  sort: string;
  value: string | number | null;
  id: string;
}

/** A row's sort value (the list selects it as "sortValue") as a cursor holds it: dates as ISO text. */
export function sortValueOf(row: { sortValue?: unknown }): string | number | null {
  const v = row.sortValue;
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'number' ? v : String(v);
}

export function encodeLeadCursor(c: LeadCursor): string {
  return encodeCursorParts([c.sort, c.value ?? '', c.value === null ? 1 : 0, c.id]);
}

/** Scores are PostgreSQL integers. */
const INT_RANGE = [-2_147_483_648, 2_147_483_647] as const;
/** Longest text a sortable column holds (the API caps names, company and city at 200 characters). */
const MAX_TEXT = 1000;

/**
 * A cursor is input like any other: a value its sort's column could not hold, or a cursor of
 * another sort, is a 400 on `cursor`.
 */
export function decodeLeadCursor(raw: string | undefined, sortParam: string): LeadCursor | undefined {
  const sort = parseLeadSort(sortParam);
  const def = LEAD_SORT_FIELDS[sort.field];
  return decodeCursorParts(raw, 'cursor', (parts): LeadCursor | undefined => {
    const id = CURSOR_PART.uuid(parts[3]);
    if (parts.length !== 4 || parts[0] !== (sortParam ?? DEFAULT_LEAD_SORT) || !id) return undefined;
    if (parts[2] === 1) return def.nullable && parts[1] === '' ? { sort: parts[0], value: null, id } : undefined;
    if (parts[2] !== 0) return undefined;
    switch (def.kind) {
      case 'int': {
        const n = CURSOR_PART.int(parts[1], ...INT_RANGE);
        return n === undefined ? undefined : { sort: parts[0], value: n, id };
      }
      case 'time': {
        const at = CURSOR_PART.time(parts[1]);
        return at && { sort: parts[0], value: at.toISOString(), id };
      }
      case 'enum':
        return (def.values as readonly unknown[]).includes(parts[1]) ? { sort: parts[0], value: parts[1] as string, id } : undefined;
      case 'text':
        return typeof parts[1] === 'string' && parts[1].length <= MAX_TEXT ? { sort: parts[0], value: parts[1], id } : undefined;
    }
  });
}
