import type { CustomField } from '@/lib/api/types';
import type { SortableField } from './lead-query';

/**
 * The columns the lead table can show: the lead's own fields (address ones included) and the
 * workspace's custom fields (`custom.<key>`). Which are shown, and in which order, is the
 * member's choice, kept in the browser and in saved views.
 */
export const STANDARD_COLUMNS = [
  'name',
  'email',
  'phone',
  'company',
  'jobTitle',
  'civility',
  'streetAddress',
  'postalCode',
  'city',
  'region',
  'country',
  'stage',
  'score',
  'tags',
  'source',
  'createdAt',
  'updatedAt',
  'sourceCreatedAt',
] as const;
export type StandardColumn = (typeof STANDARD_COLUMNS)[number];
export type ColumnId = StandardColumn | `custom.${string}`;

/** What a new member sees: the table as it was before columns could be chosen. */
export const DEFAULT_COLUMNS: ColumnId[] = ['name', 'email', 'company', 'phone', 'stage', 'score', 'tags', 'createdAt'];

/** The sort each header click asks the API for (columns without one are not sortable). */
export const COLUMN_SORT: Partial<Record<StandardColumn, SortableField>> = {
  name: 'lastName',
  email: 'email',
  company: 'company',
  civility: 'civility',
  postalCode: 'postalCode',
  city: 'city',
  country: 'country',
  stage: 'lifecycleStage',
  score: 'score',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  sourceCreatedAt: 'sourceCreatedAt',
};

export const isCustomColumn = (id: string): id is `custom.${string}` => id.startsWith('custom.');
export const customKey = (id: `custom.${string}`) => id.slice('custom.'.length);

/** Every column the chooser offers, standard first, then the custom fields by label. */
export function columnCatalogue(customFields: Pick<CustomField, 'key' | 'label'>[]): ColumnId[] {
  return [...STANDARD_COLUMNS, ...[...customFields].sort((a, b) => a.label.localeCompare(b.label)).map((f) => `custom.${f.key}` as const)];
}

/**
 * A stored choice of columns, cleaned against what exists now: unknown ids (a custom field since
 * deleted, a column from a newer version) are dropped, duplicates too; the name always stays, first.
 */
export function cleanColumns(columns: readonly string[] | null | undefined, customFields: Pick<CustomField, 'key'>[] | undefined): ColumnId[] {
  if (!columns?.length) return DEFAULT_COLUMNS;
  const custom = customFields ? new Set(customFields.map((f) => f.key)) : null;
  const known = (id: string): id is ColumnId =>
    isCustomColumn(id) ? custom === null || custom.has(customKey(id)) : (STANDARD_COLUMNS as readonly string[]).includes(id);
  const out = [...new Set(columns)].filter(known).filter((c) => c !== 'name');
  return ['name', ...out];
}

/** Turns a column on (appended at the end) or off. */
export function toggleColumn(columns: ColumnId[], id: ColumnId, on: boolean): ColumnId[] {
  if (id === 'name') return columns;
  return on ? (columns.includes(id) ? columns : [...columns, id]) : columns.filter((c) => c !== id);
}

/** Moves a column one place left (-1) or right (+1); the name stays first. */
export function moveColumn(columns: ColumnId[], id: ColumnId, by: -1 | 1): ColumnId[] {
  const i = columns.indexOf(id);
  const j = i + by;
  if (i <= 0 || j <= 0 || j >= columns.length) return columns;
  const next = [...columns];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/**
 * "about 1.2 M" rather than a false precision when the API estimated: one significant decimal
 * in the locale's compact notation (1,2 k / 1,2 M in French).
 */
export function formatLeadCount(count: number, exact: boolean, locale: string): string {
  return exact ? new Intl.NumberFormat(locale).format(count) : new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(count);
}
