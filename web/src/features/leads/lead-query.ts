import type { BulkMatching, ConsentStatus, LeadCountQuery, LeadListQuery, LeadSort, LifecycleStage } from '@/lib/api/types';

/** A segment rule tree as the API reads it (`{ op, conditions }`), for the list's advanced filters. */
export type LeadRules = Record<string, unknown>;

/** What the filter bar of the lead list holds. Empty values mean "no filter". */
export interface LeadFilters {
  q: string;
  stages: LifecycleStage[];
  source: string;
  tag: string;
  emailConsent: ConsentStatus | '';
  trash: boolean;
  sort: LeadSort;
  /** Advanced filters (custom fields, address, behaviour…): segment rules, or null. */
  rules: LeadRules | null;
}

export const DEFAULT_SORT: LeadSort = '-createdAt';
export const EMPTY_FILTERS: LeadFilters = { q: '', stages: [], source: '', tag: '', emailConsent: '', trash: false, sort: DEFAULT_SORT, rules: null };

/** Fields the API sorts by (GET /leads?sort=field or -field). */
export const SORTABLE_FIELDS = [
  'createdAt',
  'updatedAt',
  'sourceCreatedAt',
  'score',
  'lastName',
  'firstName',
  'company',
  'city',
  'email',
  'postalCode',
  'country',
  'lifecycleStage',
  'civility',
] as const;
export type SortableField = (typeof SORTABLE_FIELDS)[number];

/** `field` / `-field` → the field and its direction. */
export function parseSort(sort: LeadSort): { field: SortableField; descending: boolean } {
  const descending = sort.startsWith('-');
  return { field: (descending ? sort.slice(1) : sort) as SortableField, descending };
}

/**
 * Clicking a column header: a new column starts in its natural direction (dates and scores
 * newest / highest first, text A→Z); clicking the sorted column again reverses it.
 */
export function nextSort(current: LeadSort, field: SortableField): LeadSort {
  const { field: now, descending } = parseSort(current);
  if (now === field) return (descending ? field : `-${field}`) as LeadSort;
  const startsDescending = field === 'createdAt' || field === 'updatedAt' || field === 'sourceCreatedAt' || field === 'score';
  return (startsDescending ? `-${field}` : field) as LeadSort;
}

const SORT_SET = new Set<string>(SORTABLE_FIELDS.flatMap((f) => [f, `-${f}`]));

/**
 * The filter bar as `GET /leads` query parameters: trimmed, empty filters left out, stages as the
 * API's comma list, the trash as `deleted=only`. Everything runs server-side.
 */
export function toLeadQuery(filters: LeadFilters, limit = 50): Omit<LeadListQuery, 'cursor'> {
  return { ...toCountQuery(filters), limit, sort: filters.sort } as Omit<LeadListQuery, 'cursor'>;
}

/** The same filters for GET /leads/count (no paging, no order). */
export function toCountQuery(filters: LeadFilters): LeadCountQuery {
  const query: LeadCountQuery = {};
  const q = filters.q.trim();
  if (q) query.q = q;
  // The API reads lifecycleStage as a comma list; openapi-fetch would repeat the parameter.
  if (filters.stages.length) query.lifecycleStage = [[...filters.stages].sort().join(',')] as unknown as LifecycleStage[];
  if (filters.source.trim()) query.source = filters.source.trim();
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.emailConsent) query.emailConsent = filters.emailConsent;
  if (filters.trash) query.deleted = 'only';
  if (filters.rules) query.filter = JSON.stringify(filters.rules);
  return query;
}

/** The same filters as the body of a bulk action on every matching lead ("select all N"). */
export function toMatching(filters: LeadFilters): BulkMatching {
  const matching: BulkMatching = { deleted: filters.trash ? 'only' : 'exclude' };
  const q = filters.q.trim();
  if (q) matching.q = q;
  if (filters.stages.length) matching.lifecycleStage = [...filters.stages].sort();
  if (filters.source.trim()) matching.source = filters.source.trim();
  if (filters.tag.trim()) matching.tag = filters.tag.trim();
  if (filters.emailConsent) matching.emailConsent = filters.emailConsent;
  if (filters.rules) matching.filter = filters.rules;
  return matching;
}

/** How many advanced conditions (not groups) a rule tree holds, for the filter button's badge. */
export function ruleCount(rules: LeadRules | null): number {
  if (!rules) return 0;
  const conditions = (rules as { conditions?: unknown }).conditions;
  if (!Array.isArray(conditions)) return 1;
  return conditions.reduce<number>((n, c) => n + (c && typeof c === 'object' && 'conditions' in c ? ruleCount(c as LeadRules) : 1), 0);
}

/** How many filters (besides search and sort) are on, for the "clear filters" button. */
export function activeFilterCount(filters: LeadFilters): number {
  return [filters.stages.length > 0, Boolean(filters.source.trim()), Boolean(filters.tag.trim()), Boolean(filters.emailConsent), filters.trash, Boolean(filters.rules)].filter(Boolean).length;
}

/** Tags typed as "a, b ,c" → ['a', 'b', 'c'], de-duplicated case-insensitively like the API. */
export function parseTags(raw: string): string[] {
  const seen = new Map<string, string>();
  for (const t of raw.split(',').map((x) => x.trim()).filter(Boolean)) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()];
}

/**
 * A custom field key from its label: "Budget (€) max" → "budget_max". Same rule as the API:
 * a lower-case letter first, then letters, digits or _, at most 40 characters.
 */
export function suggestKey(label: string): string {
  let key = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (key && !/^[a-z]/.test(key)) key = `f_${key}`;
  return key.slice(0, 40).replace(/_+$/, '');
}

/** Filters ⇄ the page URL, so the back button from a lead returns to the same list. */
export function filtersToParams(filters: LeadFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.q.trim()) p.set('q', filters.q.trim());
  if (filters.stages.length) p.set('stage', [...filters.stages].sort().join(','));
  if (filters.source.trim()) p.set('source', filters.source.trim());
  if (filters.tag.trim()) p.set('tag', filters.tag.trim());
  if (filters.emailConsent) p.set('consent', filters.emailConsent);
  if (filters.trash) p.set('trash', '1');
  if (filters.sort !== DEFAULT_SORT) p.set('sort', filters.sort);
  if (filters.rules) p.set('filter', JSON.stringify(filters.rules));
  return p;
}

function parseRules(raw: string | null): LeadRules | null {
  if (!raw) return null;
  try {
    const rules: unknown = JSON.parse(raw);
    return rules && typeof rules === 'object' && !Array.isArray(rules) ? (rules as LeadRules) : null;
  } catch {
    return null;
  }
}

const STAGE_SET = new Set<string>(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other']);

export function filtersFromParams(p: { get(name: string): string | null }): LeadFilters {
  const consent = p.get('consent');
  return {
    q: p.get('q') ?? '',
    stages: (p.get('stage') ?? '').split(',').filter((s): s is LifecycleStage => STAGE_SET.has(s)),
    source: p.get('source') ?? '',
    tag: p.get('tag') ?? '',
    emailConsent: consent === 'granted' || consent === 'denied' || consent === 'unknown' ? consent : '',
    trash: p.get('trash') === '1',
    sort: SORT_SET.has(p.get('sort') ?? '') ? (p.get('sort') as LeadSort) : DEFAULT_SORT,
    rules: parseRules(p.get('filter')),
  };
}

/** Same-origin URL of the CSV export of the current list (all pages, same filters), in the UI's language. */
export function exportUrl(filters: LeadFilters, locale: string): string {
  const query = toCountQuery(filters);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  p.set('locale', locale === 'en' ? 'en' : 'fr');
  return `/api/leads/export.csv?${p.toString()}`;
}
