import type { Lead } from '@/lib/api/types';

/** Who did something, as the API sends it (`details.by` of creation, change and merge entries). */
export interface HistoryActor {
  kind: string;
  id: string;
  label: string | null;
}

/**
 * How an actor is named in a sentence: a member by name, an import by its file, an API key by its
 * name, the automatic jobs by what they do; `select` picks the wording in the message catalogue.
 */
export type ActorPhrase = { select: 'member' | 'import' | 'apiKey' | 'enrichment' | 'scoring' | 'system'; name: string };

const JOBS: Record<string, ActorPhrase['select']> = { 'enrich-leads': 'enrichment', 'enrich-import': 'enrichment', 'rescore-leads': 'scoring' };

export function actorPhrase(by: HistoryActor | null | undefined): ActorPhrase {
  if (!by) return { select: 'system', name: '' };
  const name = by.label ?? '';
  switch (by.kind) {
    case 'member':
      return { select: 'member', name };
    case 'import':
      return { select: 'import', name };
    case 'api_key':
      // The API names a key "Zapier (lyn_AbC…)": the name is what people recognise.
      return { select: 'apiKey', name: name.replace(/\s*\(lyn_[^)]*\)\s*$/, '') };
    case 'system':
      return { select: JOBS[by.id] ?? 'system', name: '' };
    default:
      return { select: 'system', name: '' };
  }
}

/** Fields in the order a person reads a lead; a field a newer API adds comes last. */
export const HISTORY_FIELDS = [
  'civility',
  'firstName',
  'lastName',
  'email',
  'otherEmails',
  'phone',
  'otherPhones',
  'company',
  'jobTitle',
  'streetAddress',
  'postalCode',
  'city',
  'region',
  'country',
  'lifecycleStage',
  'ownerId',
  'source',
  'sourceCreatedAt',
  'tags',
  'emailConsent',
  'smsConsent',
  'whatsappConsent',
  'language',
  'timezone',
  'customFields',
  'deletedAt',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** One line of a change: a lead field, or one custom field (`custom` holds its key). */
export interface ChangeLine {
  field: string;
  custom?: string;
  from: unknown;
  to: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `{field: [from, to]}` as lines in reading order, custom fields one line each. */
export function changeLines(changes: unknown): ChangeLine[] {
  if (!isRecord(changes)) return [];
  const rank = (f: string) => {
    const i = (HISTORY_FIELDS as readonly string[]).indexOf(f);
    return i < 0 ? HISTORY_FIELDS.length : i;
  };
  const lines: ChangeLine[] = [];
  for (const field of Object.keys(changes).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    const pair = changes[field];
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const [from, to] = pair;
    if (field === 'customFields') {
      const before = isRecord(from) ? from : {};
      const after = isRecord(to) ? to : {};
      for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        if (!same(before[key], after[key])) lines.push({ field, custom: key, from: before[key] ?? null, to: after[key] ?? null });
      }
    } else {
      lines.push({ field, from, to });
    }
  }
  return lines;
}

/** Fields a merge lets the person choose, in the dialog's order (the API's list). */
export const MERGE_FIELDS = [
  'civility',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'jobTitle',
  'streetAddress',
  'postalCode',
  'city',
  'region',
  'country',
  'lifecycleStage',
  'ownerId',
  'source',
  'sourceCreatedAt',
  'language',
  'timezone',
] as const satisfies readonly (keyof Lead)[];
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeChoice = 'this' | 'other';

const empty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The fields where the two leads differ, with what the API would keep without a choice: this
 * lead's value unless it is empty.
 */
export function mergeRows(lead: Lead, other: Lead): { field: MergeField; mine: unknown; theirs: unknown; choice: MergeChoice }[] {
  return MERGE_FIELDS.filter((f) => !same(lead[f], other[f])).map((f) => ({ field: f, mine: lead[f], theirs: other[f], choice: empty(lead[f]) ? 'other' : 'this' }));
}

/** The choices to send: every row, so what the person saw is what is kept. */
export function mergeChoices(rows: { field: MergeField; choice: MergeChoice }[]): Partial<Record<MergeField, MergeChoice>> {
  return Object.fromEntries(rows.map((r) => [r.field, r.choice]));
}

/** Why a suggested duplicate looks like the same person, in the API's order of strength. */
export const DUPLICATE_REASONS = ['phone', 'emailLocalPart', 'name', 'company'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const knownReasons = (reasons: string[]): DuplicateReason[] => DUPLICATE_REASONS.filter((r) => reasons.includes(r));
