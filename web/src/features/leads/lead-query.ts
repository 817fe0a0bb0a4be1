import type { ConsentStatus, LeadListQuery, LifecycleStage } from '@/lib/api/types';

/** What the filter bar of the lead list holds. Empty values mean "no filter". */
export interface LeadFilters {
  q: string;
  stages: LifecycleStage[];
  source: string;
  tag: string;
  emailConsent: ConsentStatus | '';
  trash: boolean;
  sort: 'createdAt' | 'score';
}

export const EMPTY_FILTERS: LeadFilters = { q: '', stages: [], source: '', tag: '', emailConsent: '', trash: false, sort: 'createdAt' };

/**
 * The filter bar as `GET /leads` query parameters: trimmed, empty filters left out, stages as the
 * API's comma list, the trash as `deleted=only`. Everything runs server-side.
 */
export function toLeadQuery(filters: LeadFilters, limit = 50): Omit<LeadListQuery, 'cursor'> {
  const query: Omit<LeadListQuery, 'cursor'> = { limit, sort: filters.sort };
  const q = filters.q.trim();
  if (q) query.q = q;
  // The API reads lifecycleStage as a comma list; openapi-fetch would repeat the parameter.
  if (filters.stages.length) query.lifecycleStage = [[...filters.stages].sort().join(',')] as unknown as LifecycleStage[];
  if (filters.source.trim()) query.source = filters.source.trim();
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.emailConsent) query.emailConsent = filters.emailConsent;
  if (filters.trash) query.deleted = 'only';
  return query;
}

/** How many filters (besides search and sort) are on, for the "clear filters" button. */
export function activeFilterCount(filters: LeadFilters): number {
  return [filters.stages.length > 0, Boolean(filters.source.trim()), Boolean(filters.tag.trim()), Boolean(filters.emailConsent), filters.trash].filter(Boolean).length;
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
  if (filters.sort !== 'createdAt') p.set('sort', filters.sort);
  return p;
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
    sort: p.get('sort') === 'score' ? 'score' : 'createdAt',
  };
}

/** Same-origin URL of the CSV export of the current list (all pages, same filters), in the UI's language. */
export function exportUrl(filters: LeadFilters, locale: string): string {
  const { limit: _limit, ...query } = toLeadQuery(filters);
  void _limit;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  p.set('locale', locale === 'en' ? 'en' : 'fr');
  return `/api/leads/export.csv?${p.toString()}`;
}
