/**
 * Scoring rules for people: a readable sentence per rule, the editor's form ⇄ the API's rule,
 * the API's problem details → the editor's fields, score history from the timeline and the
 * recompute job's state. Pure functions only, unit-tested.
 */
import { z } from 'zod';
import type { CreateScoringRuleInput, Job, ScorePart, ScoringRule, ScoringRuleKind, TimelineItem, UpdateScoringRuleInput } from '@/lib/api/types';
import {
  conditionToApi,
  FIELD_KINDS,
  fromApiRules,
  operatorsFor,
  TAG_OPS,
  type Condition,
  type FieldCondition,
  type NodeError,
  type ValueKind,
} from '@/features/segments/rules';
import { EVENT_TYPE_PATTERN, eventTypeKey, isPlatformEventType } from '@/features/events/event-types';

/** A translator over the full message tree (`scoring.sentence.clause`…). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface SentenceContext {
  t: Translate;
  locale: string;
  /** The label of a custom field by key, when it still exists. */
  customFieldLabel?: (key: string) => string | undefined;
}

/** Types with a sentence of their own (“Opens an email”); other platform types read “Event “Email bounced””. */
const EVENT_VERBS: readonly string[] = ['email.opened', 'email.clicked', 'form.submitted', 'page.viewed'];
/** What an attribute rule can look at: one segment condition, but not behaviour (that is a behaviour rule). */
export const ATTRIBUTE_CONDITION_TYPES = ['field', 'customField', 'tag', 'consent'] as const;
export type AttributeConditionType = (typeof ATTRIBUTE_CONDITION_TYPES)[number];

const KNOWN_OPS = new Set<string>([...(['text', 'number', 'date', 'enum', 'select', 'boolean'] as const).flatMap((k) => operatorsFor(k))]);

function formatDay(locale: string, raw: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00Z`) : null;
  return d && !Number.isNaN(d.getTime()) ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d) : raw;
}

function formatValue(ctx: SentenceContext, kind: ValueKind, v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => formatValue(ctx, kind, x)).join(', ');
  switch (kind) {
    case 'number':
      return typeof v === 'number' ? new Intl.NumberFormat(ctx.locale).format(v) : String(v ?? '');
    case 'date':
      return formatDay(ctx.locale, String(v ?? ''));
    case 'enum':
      return ctx.t(`leads.stages.${String(v)}`);
    case 'boolean':
      return ctx.t(`segments.builder.bool.${v === true || v === 'true' ? 'true' : 'false'}`);
    default:
      return ctx.t('scoring.sentence.quoted', { value: String(v ?? '') });
  }
}

function clause(ctx: SentenceContext, field: string, kind: ValueKind, operator: string, value: unknown): string {
  const op = KNOWN_OPS.has(operator) ? ctx.t(`segments.ops.${operator}`) : operator;
  if (operator === 'isSet' || operator === 'isNotSet') return ctx.t('scoring.sentence.noValue', { field, operator: op });
  if (operator === 'withinLastDays' || operator === 'moreThanDaysAgo') return ctx.t(`scoring.sentence.${operator}`, { field, days: Number(value) });
  if (operator === 'between' && Array.isArray(value)) {
    return ctx.t('scoring.sentence.clause', { field, operator: op, value: ctx.t('scoring.sentence.range', { from: formatValue(ctx, kind, value[0]), to: formatValue(ctx, kind, value[1]) }) });
  }
  return ctx.t('scoring.sentence.clause', { field, operator: op, value: formatValue(ctx, kind, value) });
}

/** What a rule looks at, in words: “Job title contains “directeur””, “Clicks in an email”. */
export function describeCondition(kind: ScoringRuleKind, condition: Record<string, unknown>, ctx: SentenceContext): string {
  const quote = (v: string) => ctx.t('scoring.sentence.quoted', { value: v });
  if (kind === 'behaviour') {
    const type = String(condition.eventType ?? '');
    const named = isPlatformEventType(type) ? ctx.t(`events.types.${eventTypeKey(type)}`) : type;
    const event = EVENT_VERBS.includes(type) ? ctx.t(`scoring.events.${type.replace('.', '_')}`) : ctx.t('scoring.sentence.event', { type: quote(named) });
    const props = condition.properties && typeof condition.properties === 'object' ? Object.entries(condition.properties as Record<string, unknown>) : [];
    if (!props.length) return event;
    const properties = props.map(([key, v]) => ctx.t('scoring.sentence.property', { key, value: quote(typeof v === 'string' ? v : JSON.stringify(v)) })).join(', ');
    return ctx.t('scoring.sentence.withProperties', { event, properties });
  }
  const operator = String(condition.operator ?? '');
  switch (condition.type) {
    case 'field': {
      const field = String(condition.field ?? '');
      const known = field in FIELD_KINDS;
      return clause(ctx, known ? ctx.t(`segments.fields.${field}`) : field, known ? FIELD_KINDS[field as keyof typeof FIELD_KINDS] : 'text', operator, condition.value);
    }
    case 'customField': {
      const key = String(condition.key ?? '');
      const valueType = String(condition.valueType ?? 'text');
      const kindOf: ValueKind = valueType === 'number' || valueType === 'date' || valueType === 'boolean' ? valueType : 'text';
      return clause(ctx, ctx.customFieldLabel?.(key) ?? key, kindOf, operator, condition.value);
    }
    case 'tag': {
      if (!(TAG_OPS as readonly string[]).includes(operator)) break;
      const value = Array.isArray(condition.value) ? condition.value.map((v) => quote(String(v))).join(', ') : quote(String(condition.value ?? ''));
      return ctx.t(`scoring.sentence.tag.${operator}`, { value });
    }
    case 'consent': {
      const channel = String(condition.channel ?? '');
      const status = String(condition.status ?? '');
      if (!['email', 'sms', 'whatsapp'].includes(channel) || !['granted', 'denied', 'unknown'].includes(status)) break;
      return ctx.t(`scoring.sentence.consent.${channel}`, { status: ctx.t(`segments.builder.consent.${status}`) });
    }
  }
  return ctx.t('scoring.sentence.unknown');
}

/** Points with their sign: +10, -5. */
export function formatPoints(points: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' }).format(points);
}

type RuleShape = Pick<ScoringRule, 'kind' | 'condition' | 'points' | 'maxPoints' | 'decayDays'>;

/** The whole rule as one sentence: “Job title contains “directeur” → +10”. */
export function ruleSentence(rule: RuleShape, ctx: SentenceContext): string {
  const condition = describeCondition(rule.kind, rule.condition, ctx);
  const points = formatPoints(rule.points, ctx.locale);
  return ctx.t(rule.kind === 'behaviour' ? 'scoring.sentence.behaviourRule' : 'scoring.sentence.attributeRule', { condition, points });
}

/** A behaviour rule's cap and period, in words (nothing for attribute rules). */
export function ruleLimits(rule: RuleShape, ctx: SentenceContext): string[] {
  if (rule.kind !== 'behaviour') return [];
  const out: string[] = [];
  if (rule.maxPoints) out.push(ctx.t('scoring.sentence.cap', { max: rule.maxPoints }));
  if (rule.decayDays) out.push(ctx.t('scoring.sentence.decay', { days: rule.decayDays }));
  return out;
}

// The editor's form

export interface ScoringFormValues {
  name: string;
  kind: ScoringRuleKind;
  points: string;
  active: boolean;
  eventType: string;
  properties: { key: string; value: string }[];
  maxPoints: string;
  decayDays: string;
}

/** A whole number typed by a person (“ 12 ”, “-5”), or NaN. */
export function parseWhole(raw: string): number {
  const s = raw.trim().replace('−', '-');
  return /^[-+]?\d+$/.test(s) ? Number(s) : Number.NaN;
}

const inRange = (raw: string, min: number, max: number) => {
  const n = parseWhole(raw);
  return Number.isInteger(n) && n >= min && n <= max;
};

/** The API's rules (scoring-rule.dto.ts and the service), as validation keys for `useValidationMessage`. */
export const scoringRuleSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    kind: z.enum(['attribute', 'behaviour']),
    // Zero points would be a rule that changes nothing (and a capped one breaks the recompute).
    points: z.string().refine((v) => inRange(v, -1000, 1000) && parseWhole(v) !== 0, 'validation.scorePoints'),
    active: z.boolean(),
    eventType: z.string(),
    properties: z.array(z.object({ key: z.string(), value: z.string() })),
    maxPoints: z.string(),
    decayDays: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'behaviour') return;
    if (!EVENT_TYPE_PATTERN.test(v.eventType.trim())) ctx.addIssue({ code: 'custom', path: ['eventType'], message: 'validation.eventType' });
    if (v.maxPoints.trim() && !inRange(v.maxPoints, 1, 100_000)) ctx.addIssue({ code: 'custom', path: ['maxPoints'], message: 'validation.maxPoints' });
    if (v.decayDays.trim() && !inRange(v.decayDays, 1, 3650)) ctx.addIssue({ code: 'custom', path: ['decayDays'], message: 'validation.decayDays' });
    const seen = new Set<string>();
    v.properties.forEach((p, i) => {
      const key = p.key.trim();
      if (!key && p.value.trim()) ctx.addIssue({ code: 'custom', path: ['properties', i, 'key'], message: 'validation.required' });
      else if (key && seen.has(key)) ctx.addIssue({ code: 'custom', path: ['properties', i, 'key'], message: 'validation.propertyDuplicate' });
      seen.add(key);
    });
  });

export function defaultCondition(): FieldCondition {
  return { type: 'field', field: 'jobTitle', operator: 'contains', value: '', value2: '' };
}

export function newRuleForm(): ScoringFormValues {
  return { name: '', kind: 'attribute', points: '10', active: true, eventType: 'email.clicked', properties: [], maxPoints: '', decayDays: '' };
}

/** A stored rule in the editor: its form values and, for attribute rules, its condition. */
export function ruleToForm(rule: ScoringRule): { values: ScoringFormValues; condition: Condition } {
  const c = rule.condition;
  const props = rule.kind === 'behaviour' && c.properties && typeof c.properties === 'object' ? Object.entries(c.properties as Record<string, unknown>) : [];
  const parsed = rule.kind === 'attribute' ? fromApiRules({ op: 'and', conditions: [c] }).children[0] : undefined;
  return {
    values: {
      name: rule.name,
      kind: rule.kind,
      points: String(rule.points),
      active: rule.active,
      eventType: rule.kind === 'behaviour' ? String(c.eventType ?? '') : 'email.clicked',
      properties: props.map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) })),
      maxPoints: rule.maxPoints === null ? '' : String(rule.maxPoints),
      decayDays: rule.decayDays === null ? '' : String(rule.decayDays),
    },
    condition: parsed?.kind === 'condition' ? parsed.condition : defaultCondition(),
  };
}

/** A behaviour rule's condition: the event type and the properties that must match. */
export function behaviourCondition(v: Pick<ScoringFormValues, 'eventType' | 'properties'>): Record<string, unknown> {
  const props = v.properties.filter((p) => p.key.trim()).map((p) => [p.key.trim(), p.value] as const);
  return { eventType: v.eventType.trim(), ...(props.length ? { properties: Object.fromEntries(props) } : {}) };
}

function limits(v: ScoringFormValues): { maxPoints: number | null; decayDays: number | null } {
  return { maxPoints: v.maxPoints.trim() ? parseWhole(v.maxPoints) : null, decayDays: v.decayDays.trim() ? parseWhole(v.decayDays) : null };
}

export function toCreateInput(v: ScoringFormValues, condition: Condition): CreateScoringRuleInput {
  const base = { name: v.name.trim(), kind: v.kind, points: parseWhole(v.points), active: v.active };
  if (v.kind === 'attribute') return { ...base, condition: conditionToApi(condition) };
  const { maxPoints, decayDays } = limits(v);
  return { ...base, condition: behaviourCondition(v), ...(maxPoints !== null && { maxPoints }), ...(decayDays !== null && { decayDays }) };
}

/** The kind never changes; an emptied cap or period is cleared (null). */
export function toUpdateInput(v: ScoringFormValues, condition: Condition): UpdateScoringRuleInput {
  const base = { name: v.name.trim(), points: parseWhole(v.points), active: v.active };
  if (v.kind === 'attribute') return { ...base, condition: conditionToApi(condition) };
  return { ...base, condition: behaviourCondition(v), ...limits(v) };
}

// The API's problem details → the editor

export type ScoringFormField = 'name' | 'points' | 'eventType' | 'maxPoints' | 'decayDays';

export interface ScoringProblem {
  /** Errors for the form's own inputs, as validation keys. */
  fields: { field: ScoringFormField; message: string }[];
  /** Errors for an attribute rule's condition, in the segment builder's terms. */
  condition: NodeError[];
  /** Whether some field error could not be placed. */
  unplaced: boolean;
}

const FIELD_MESSAGES: Record<string, (code: string) => { field: ScoringFormField; message: string }> = {
  name: (code) => ({ field: 'name', message: code === 'maxLength' ? 'validation.tooLong' : 'validation.required' }),
  points: () => ({ field: 'points', message: 'validation.scorePoints' }),
  maxPoints: () => ({ field: 'maxPoints', message: 'validation.maxPoints' }),
  decayDays: () => ({ field: 'decayDays', message: 'validation.decayDays' }),
};

/** The code the segment builder knows for a part of a condition (the scoring API says only “invalid”). */
function conditionCode(property: string): string {
  const root = property.split(/[.[]/)[0];
  if (root === 'operator') return 'invalid_operator';
  if (root === 'key') return 'unknown_custom_field';
  return 'invalid_value';
}

export function scoringProblem(errors: readonly { field: string; code?: string; message: string }[], kind: ScoringRuleKind): ScoringProblem {
  const out: ScoringProblem = { fields: [], condition: [], unplaced: false };
  for (const e of errors) {
    const own = FIELD_MESSAGES[e.field];
    if (own) out.fields.push(own(e.code ?? ''));
    else if (e.field === 'condition' || e.field.startsWith('condition.') || e.field.startsWith('condition[')) {
      if (kind === 'behaviour') out.fields.push({ field: 'eventType', message: 'validation.eventType' });
      else {
        const property = e.field.slice('condition'.length).replace(/^\./, '');
        out.condition.push({ property, code: conditionCode(property), message: e.message });
      }
    } else out.unplaced = true;
  }
  return out;
}

// The lead page

export type ScoreReason = { kind: 'ruleCreated' | 'ruleChanged' | 'ruleDeleted'; name: string } | { kind: 'events' | 'leadChanged' } | { kind: 'other'; text: string };

const RULE_REASON = /^rule "(.*)" (created|changed|deleted)$/;

/** The API writes why a score changed in English (`rule "Décideur" created`, `new events`, `lead changed`): what it means. */
export function scoreReason(title: string): ScoreReason {
  const m = RULE_REASON.exec(title);
  if (m) return { kind: m[2] === 'created' ? 'ruleCreated' : m[2] === 'changed' ? 'ruleChanged' : 'ruleDeleted', name: m[1]! };
  if (title === 'new events') return { kind: 'events' };
  if (title === 'lead changed') return { kind: 'leadChanged' };
  return { kind: 'other', text: title };
}

export interface ScoreChange {
  id: string;
  at: string;
  score: number;
  delta: number | null;
  reason: ScoreReason;
}

/** The score changes among timeline items, newest first. */
export function scoreChanges(items: readonly TimelineItem[]): ScoreChange[] {
  return items
    .filter((i) => i.kind === 'score' && typeof (i.details as Record<string, unknown>).score === 'number')
    .map((i) => {
      const d = i.details as Record<string, unknown>;
      return { id: i.id, at: i.at, score: d.score as number, delta: typeof d.delta === 'number' ? d.delta : null, reason: scoreReason(i.title) };
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}

export interface PartDetail {
  /** Events counted, when the count is exact (not once the cap stops the counting). */
  events: number | null;
  /** The cap, when this rule reached it. */
  cappedAt: number | null;
  /** Only events of the last N days count. */
  decayDays: number | null;
}

/** What the API's points for one rule mean, given the rule (when it is still listed). */
export function partDetail(part: ScorePart, rule: ScoringRule | undefined): PartDetail {
  if (part.kind !== 'behaviour' || !rule) return { events: null, cappedAt: null, decayDays: null };
  const cappedAt = rule.maxPoints !== null && Math.abs(part.points) >= rule.maxPoints ? rule.maxPoints : null;
  return { events: cappedAt === null && typeof part.events === 'number' ? part.events : null, cappedAt, decayDays: rule.decayDays };
}

// The recompute job

export interface RecomputeView {
  phase: 'queued' | 'running' | 'done' | 'failed';
  /** 0–100, or null while the job gives no progress (an indeterminate bar). */
  percent: number | null;
  /** Leads whose score changed, once done. */
  changed: number | null;
  error: string | null;
}

export function recomputeView(job: Pick<Job, 'state' | 'progress' | 'result' | 'error'> | undefined): RecomputeView {
  if (!job) return { phase: 'queued', percent: null, changed: null, error: null };
  const percent = typeof job.progress === 'number' && job.progress > 0 ? job.progress : null;
  switch (job.state) {
    case 'completed': {
      const changed = (job.result as Record<string, unknown> | null)?.changed;
      return { phase: 'done', percent: 100, changed: typeof changed === 'number' ? changed : null, error: null };
    }
    case 'failed':
      return { phase: 'failed', percent, changed: null, error: job.error };
    case 'active':
      return { phase: 'running', percent, changed: null, error: null };
    default:
      return { phase: 'queued', percent, changed: null, error: null };
  }
}
