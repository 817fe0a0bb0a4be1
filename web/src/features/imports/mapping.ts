import type { ColumnMapping, ColumnMappingInput, Job } from '@/lib/api/types';

/** Lead fields a CSV column can fill (the API's list, in the order shown in the select). */
export const LEAD_IMPORT_FIELDS = [
  'email',
  'phone',
  'civility',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'source',
  'lifecycleStage',
  'tags',
  'language',
  'timezone',
  'emailConsent',
  'smsConsent',
  'whatsappConsent',
  'streetAddress',
  'postalCode',
  'city',
  'region',
  'country',
  'sourceCreatedAt',
] as const;
export type LeadImportField = (typeof LEAD_IMPORT_FIELDS)[number];

/** The select's value for "ignore this column" (Radix Select refuses the empty string). */
export const IGNORE = '__ignore__';
/** The select's value for "create a custom field for this column". */
export const CREATE_FIELD = '__create__';

export function customFieldTarget(key: string): string {
  return `customField:${key}`;
}

export type MappingProblem = 'noIdentifier' | 'duplicate';

export interface MappingValidation {
  ok: boolean;
  problems: MappingProblem[];
  /** Columns whose target is also chosen by another column. */
  duplicateColumns: number[];
}

/**
 * A mapping can start when an email or a phone column is mapped (leads are matched on them)
 * and no target field is chosen twice.
 */
export function validateMapping(mapping: readonly Pick<ColumnMappingInput, 'column' | 'field'>[]): MappingValidation {
  const problems: MappingProblem[] = [];
  const fields = mapping.map((m) => m.field).filter((f): f is string => Boolean(f));
  if (!fields.includes('email') && !fields.includes('phone')) problems.push('noIdentifier');
  const seen = new Map<string, number>();
  for (const f of fields) seen.set(f, (seen.get(f) ?? 0) + 1);
  const duplicateColumns = mapping.filter((m) => m.field && (seen.get(m.field) ?? 0) > 1).map((m) => m.column);
  if (duplicateColumns.length) problems.push('duplicate');
  return { ok: problems.length === 0, problems, duplicateColumns };
}

/** The suggested mapping as the editable state: one entry per column, in file order. */
export function initialMapping(suggested: readonly ColumnMapping[]): ColumnMappingInput[] {
  return [...suggested].sort((a, b) => a.column - b.column).map((m) => ({ column: m.column, field: m.field ?? null }));
}

/** Sample values of one column, non-empty, at most `max`. */
export function sampleValues(rows: readonly (readonly string[])[], column: number, max = 3): string[] {
  return rows.map((r) => (r[column] ?? '').trim()).filter(Boolean).slice(0, max);
}

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'none';

export function confidenceLevel(confidence: number, field: string | null): ConfidenceLevel {
  if (!field) return 'none';
  if (confidence >= 0.9) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

/** processed = created + updated + unchanged + merged + rejected; `warned` rows are among the first four. */
export interface ImportCounters {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  merged: number;
  rejected: number;
  warned: number;
}

/** Counters from a job's progress (a percentage or an object of counters) or result. */
export function jobCounters(job: { progress: Job['progress'] | Record<string, unknown>; result: Record<string, unknown> | null } | Job | undefined): ImportCounters & { percent: number | null } {
  const zero = { processed: 0, created: 0, updated: 0, unchanged: 0, merged: 0, rejected: 0, warned: 0 };
  if (!job) return { ...zero, percent: null };
  const source = (job.result && typeof job.result === 'object' ? job.result : typeof job.progress === 'object' ? job.progress : null) as Record<string, unknown> | null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const counters = source
    ? {
        processed: num(source.processed),
        created: num(source.created),
        updated: num(source.updated),
        unchanged: num(source.unchanged),
        merged: num(source.merged),
        rejected: num(source.rejected),
        warned: num(source.warned),
      }
    : zero;
  if (!counters.processed) counters.processed = counters.created + counters.updated + counters.unchanged + counters.merged + counters.rejected;
  // The import reports the share of its file read (its rows are only counted at the end).
  const percent = typeof job.progress === 'number' ? job.progress : source && typeof source.percent === 'number' ? source.percent : null;
  return { ...counters, percent };
}

/** Progress from 0 to 100 given the rows counted so far and the file's rows (when known). */
export function progressPercent(processed: number, total: number, percent: number | null, done: boolean): number {
  if (done) return 100;
  if (percent !== null) return Math.max(0, Math.min(99, percent));
  if (total > 0) return Math.max(0, Math.min(99, Math.round((processed / total) * 100)));
  return 0;
}
