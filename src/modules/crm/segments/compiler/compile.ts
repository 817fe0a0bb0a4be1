// Compiles a validated segment rule tree to one parameterised PostgreSQL boolean expression over
// crm.leads (alias `l`). Every value, custom-field key and event type from the rule travels as a
// bind parameter; the SQL text is built only from this file's constants and whitelisted columns.
import { fold, foldedContains, foldedEndsWith, foldedStartsWith } from '../../folded-text.js';
import {
  type ConditionValue,
  type CustomFieldCondition,
  type CustomFieldType,
  type EventCondition,
  type FieldCondition,
  type GroupNode,
  LEAD_FIELDS,
  type RuleNode,
  type SegmentRuleIssue,
  type SegmentRules,
  type TagCondition,
  type ValueKind,
  SegmentRuleError,
  isUuid,
  parseRuleDate,
  parseSegmentRules,
} from './rules.js';

export interface CompileOptions {
  /** The tenant the segment belongs to: becomes $1 and filters leads and events. */
  tenantId: string;
  /** Reference time for relative conditions (withinDays, withinLastDays, moreThanDaysAgo). */
  now?: Date;
  /** The tenant's custom field definitions: key → type. A key missing here is a rule error. */
  customFields?: Record<string, CustomFieldType>;
  /**
   * How counted behaviour conditions on event properties (atLeast n > 1, atMost, exactly) are
   * written (without properties, they read the per-lead counters instead):
   * - 'correlated' (default): per lead, read at most n (+1) matching events through the
   *   (tenant_id, lead_id, type, occurred_at) index and stop: cheapest when the other conditions
   *   leave few leads, or events per lead are many.
   * - 'grouped': `l.id IN (SELECT e.lead_id … GROUP BY e.lead_id HAVING count(*) …)`, one pass over
   *   the tenant's events of that type (in the window) hashed once: cheapest when many leads are
   *   checked against a short window. EXISTS / NOT EXISTS (atLeast 1, never) are the same in both.
   */
  eventCounts?: 'correlated' | 'grouped';
}

export interface CompiledSegment {
  /** `l.tenant_id = $1 AND l.deleted_at IS NULL AND (…)` over crm.leads aliased `l`. */
  where: string;
  params: unknown[];
}

export interface SqlQuery {
  text: string;
  params: unknown[];
}

const DAY_MS = 86_400_000;

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

// -- guarded casts of custom-field values (a malformed stored value yields NULL, never an error) --

const NUMBER_RE = `'^-?([0-9]{1,60}([.][0-9]{0,30})?|[.][0-9]{1,30})$'`;
const DATE_PART = `[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`;
const TIME_PART = `[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?`;
const DATE_NO_OFFSET_RE = `'^${DATE_PART}(${TIME_PART})?$'`;
const DATE_WITH_OFFSET_RE = `'^${DATE_PART}${TIME_PART}(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$'`;

function numberOf(x: string): string {
  return `(CASE WHEN ${x} ~ ${NUMBER_RE} THEN ${x}::numeric END)`;
}

function dateOf(x: string): string {
  const year = `substr(${x}, 1, 4)::int`;
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const dayOk =
    `substr(${x}, 9, 2)::int <= CASE substr(${x}, 6, 2) WHEN '02' THEN CASE WHEN ${leap} THEN 29 ELSE 28 END ` +
    `WHEN '04' THEN 30 WHEN '06' THEN 30 WHEN '09' THEN 30 WHEN '11' THEN 30 ELSE 31 END`;
  return (
    `(CASE WHEN ${x} ~ ${DATE_NO_OFFSET_RE} THEN CASE WHEN ${dayOk} THEN (${x}::timestamp AT TIME ZONE 'UTC') END ` +
    `WHEN ${x} ~ ${DATE_WITH_OFFSET_RE} THEN CASE WHEN ${dayOk} THEN ${x}::timestamptz END END)`
  );
}

function booleanOf(x: string): string {
  return `(CASE WHEN lower(${x}) IN ('true', 'false') THEN lower(${x})::boolean END)`;
}

// -- operator families ----------------------------------------------------------------------------

/**
 * Text compares folded (crm.fold: case, accents and ligatures), on both sides, as a person reads
 * it: Ville = "saint-etienne" matches "Saint-Étienne". The rule's value travels as a parameter and
 * is folded (and LIKE-escaped, after folding) by PostgreSQL.
 */
function textCondition(x: string, operator: string, value: ConditionValue | undefined, p: Params): string {
  const folded = fold(x);
  const foldedList = (v: string) => `ARRAY(SELECT ${fold('v')} FROM unnest(${v}::text[]) v)`;
  switch (operator) {
    case 'eq':
      return `${folded} = ${fold(p.add(value))}`;
    case 'neq':
      return `(${x} IS NULL OR ${folded} <> ${fold(p.add(value))})`;
    case 'contains':
      return `${folded} LIKE ${foldedContains(p.add(value))}`;
    case 'notContains':
      return `(${x} IS NULL OR ${folded} NOT LIKE ${foldedContains(p.add(value))})`;
    case 'startsWith':
      return `${folded} LIKE ${foldedStartsWith(p.add(value))}`;
    case 'endsWith':
      return `${folded} LIKE ${foldedEndsWith(p.add(value))}`;
    case 'in':
      return `${folded} = ANY (${foldedList(p.add(value))})`;
    case 'notIn':
      return `(${x} IS NULL OR NOT (${folded} = ANY (${foldedList(p.add(value))})))`;
    case 'isSet':
      return `(${x} IS NOT NULL AND ${x} <> '')`;
    case 'isNotSet':
      return `(${x} IS NULL OR ${x} = '')`;
  }
  throw new Error(`unreachable text operator ${operator}`);
}

function numberCondition(x: string, operator: string, value: ConditionValue | undefined, p: Params): string {
  // Integers compare as bigint (so an index on an integer column stays usable), others as numeric.
  const num = (v: unknown): string => `${p.add(v)}::${Number.isSafeInteger(v) ? 'bigint' : 'numeric'}`;
  switch (operator) {
    case 'eq':
      return `${x} = ${num(value)}`;
    case 'neq':
      return `(${x} IS NULL OR ${x} <> ${num(value)})`;
    case 'gt':
      return `${x} > ${num(value)}`;
    case 'gte':
      return `${x} >= ${num(value)}`;
    case 'lt':
      return `${x} < ${num(value)}`;
    case 'lte':
      return `${x} <= ${num(value)}`;
    case 'between': {
      const [a, b] = value as [number, number];
      return `(${x} >= ${num(a)} AND ${x} <= ${num(b)})`;
    }
    case 'isSet':
      return `${x} IS NOT NULL`;
    case 'isNotSet':
      return `${x} IS NULL`;
  }
  throw new Error(`unreachable number operator ${operator}`);
}

function dateCondition(x: string, operator: string, value: ConditionValue | undefined, p: Params, now: Date): string {
  const ts = (d: Date): string => `${p.add(d.toISOString())}::timestamptz`;
  const daysAgo = (n: number): Date => new Date(now.getTime() - n * DAY_MS);
  switch (operator) {
    case 'before':
      return `${x} < ${ts(parseRuleDate(value)!.start)}`;
    case 'after': {
      // A date-only value is a whole (UTC) day: "after 2026-01-15" starts on the 16th.
      const d = parseRuleDate(value)!;
      return d.dateOnly ? `${x} >= ${ts(d.end)}` : `${x} > ${ts(d.start)}`;
    }
    case 'between': {
      const [a, b] = (value as [string, string]).map((v) => parseRuleDate(v)!);
      return b.dateOnly ? `(${x} >= ${ts(a.start)} AND ${x} < ${ts(b.end)})` : `(${x} >= ${ts(a.start)} AND ${x} <= ${ts(b.start)})`;
    }
    case 'withinLastDays':
      return `(${x} >= ${ts(daysAgo(value as number))} AND ${x} <= ${ts(now)})`;
    case 'moreThanDaysAgo':
      return `${x} < ${ts(daysAgo(value as number))}`;
    case 'isSet':
      return `${x} IS NOT NULL`;
    case 'isNotSet':
      return `${x} IS NULL`;
  }
  throw new Error(`unreachable date operator ${operator}`);
}

function castListCondition(x: string, operator: string, value: ConditionValue | undefined, p: Params, type: string): string {
  switch (operator) {
    case 'eq':
      return `${x} = ${p.add(value)}::${type}`;
    case 'neq':
      return `(${x} IS NULL OR ${x} <> ${p.add(value)}::${type})`;
    case 'in':
      return `${x} = ANY (${p.add(value)}::${type}[])`;
    case 'notIn':
      return `(${x} IS NULL OR NOT (${x} = ANY (${p.add(value)}::${type}[])))`;
    case 'isSet':
      return `${x} IS NOT NULL`;
    case 'isNotSet':
      return `${x} IS NULL`;
  }
  throw new Error(`unreachable operator ${operator}`);
}

function booleanCondition(x: string, operator: string, value: ConditionValue | undefined, p: Params): string {
  switch (operator) {
    case 'eq':
      return `${x} = ${p.add(value)}::boolean`;
    case 'neq':
      return `${x} IS DISTINCT FROM ${p.add(value)}::boolean`;
    case 'isSet':
      return `${x} IS NOT NULL`;
    case 'isNotSet':
      return `${x} IS NULL`;
  }
  throw new Error(`unreachable boolean operator ${operator}`);
}

function kindCondition(kind: ValueKind, x: string, operator: string, value: ConditionValue | undefined, p: Params, now: Date): string {
  switch (kind) {
    case 'text':
    case 'select':
      return textCondition(x, operator, value, p);
    case 'number':
      return numberCondition(x, operator, value, p);
    case 'date':
      return dateCondition(x, operator, value, p, now);
    case 'enum':
      return castListCondition(x, operator, value, p, 'crm."LifecycleStage"');
    case 'civility':
      return castListCondition(x, operator, value, p, 'crm."Civility"');
    case 'country': {
      // Stored upper case (a CHECK constraint); the rule may say "fr".
      const upper = typeof value === 'string' ? value.toUpperCase() : Array.isArray(value) ? value.map((v) => String(v).toUpperCase()) : value;
      return castListCondition(x, operator, upper, p, 'bpchar');
    }
    case 'uuid':
      return castListCondition(x, operator, value, p, 'uuid');
    case 'boolean':
      return booleanCondition(x, operator, value, p);
  }
}

// -- nodes ----------------------------------------------------------------------------------------

const CONSENT_COLUMNS = { email: 'l.email_consent', sms: 'l.sms_consent', whatsapp: 'l.whatsapp_consent' } as const;

interface Ctx {
  p: Params;
  now: Date;
  customFields: Record<string, CustomFieldType> | undefined;
  eventCounts: 'correlated' | 'grouped';
  errors: SegmentRuleIssue[];
}

function fieldSql(node: FieldCondition, ctx: Ctx): string {
  const def = LEAD_FIELDS[node.field];
  return kindCondition(def.kind, `l.${def.column}`, node.operator, node.value, ctx.p, ctx.now);
}

function customFieldSql(node: CustomFieldCondition, path: string, ctx: Ctx): string {
  const defined = ctx.customFields && Object.prototype.hasOwnProperty.call(ctx.customFields, node.key) ? ctx.customFields[node.key] : undefined;
  if (defined === undefined) {
    ctx.errors.push({ path: `${path}.key`, code: 'unknown_custom_field', message: `no custom field is defined with key ${JSON.stringify(node.key)}` });
    return 'FALSE';
  }
  if (defined !== node.valueType) {
    ctx.errors.push({
      path: `${path}.valueType`,
      code: 'custom_field_type_mismatch',
      message: `custom field ${JSON.stringify(node.key)} is of type ${defined}, not ${node.valueType}`,
    });
    return 'FALSE';
  }
  const raw = `(l.custom_fields ->> ${ctx.p.add(node.key)}::text)`;
  const x = node.valueType === 'number' ? numberOf(raw) : node.valueType === 'date' ? dateOf(raw) : node.valueType === 'boolean' ? booleanOf(raw) : raw;
  return kindCondition(node.valueType, x, node.operator, node.value, ctx.p, ctx.now);
}

function tagSql(node: TagCondition, p: Params): string {
  const list = Array.isArray(node.value) ? node.value : [node.value];
  switch (node.operator) {
    case 'has':
    case 'hasAll':
      return `l.tags @> ${p.add(list)}::text[]`;
    case 'hasNot':
      return `NOT (l.tags @> ${p.add(list)}::text[])`;
    case 'hasAny':
      return `l.tags && ${p.add(list)}::text[]`;
  }
}

/**
 * How many events of a type a lead has, without conditions on their properties: read from
 * analytics.lead_event_counts, one row per (lead, type) with the exact count and bounds of the
 * first and last time (kept by triggers on analytics.events). Without a window the row answers
 * alone. With one, a lead whose first such event falls inside it has them all inside, one whose
 * last is before it has none, and only the leads in between have their recent events counted
 * (at most n + 1 of them, through the (tenant_id, lead_id, type, occurred_at) index).
 */
function counterEventSql(node: EventCondition, ctx: Ctx): string {
  const { p } = ctx;
  const type = p.add(node.eventType);
  const int = (v: number) => `${p.add(v)}::int`;
  const counter = (cond?: string) =>
    `EXISTS (SELECT 1 FROM analytics.lead_event_counts c WHERE c.tenant_id = $1 AND c.lead_id = l.id AND c.type = ${type}${cond ? ` AND ${cond}` : ''})`;
  const n = node.count!;
  if (node.withinDays === undefined) {
    switch (node.operator) {
      case 'never':
        return `NOT ${counter()}`;
      case 'atLeast':
        return n === 1 ? counter() : counter(`c.count >= ${int(n)}`);
      case 'atMost':
        return `NOT ${counter(`c.count > ${int(n)}`)}`;
      case 'exactly':
        return counter(`c.count = ${int(n)}`);
    }
  }
  const since = `${p.add(new Date(ctx.now.getTime() - node.withinDays! * DAY_MS).toISOString())}::timestamptz`;
  const recent = (limit: string) =>
    `(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id = l.id AND e.type = ${type} ` +
    `AND e.occurred_at >= ${since} LIMIT ${limit}) x)`;
  const inWindow = `c.last_at >= ${since}`;
  // At least k events in the window.
  const atLeast = (k: string) => `c.count >= ${k} AND ${inWindow} AND (c.first_at >= ${since} OR ${recent(k)} >= ${k})`;
  switch (node.operator) {
    case 'atLeast':
      return counter(atLeast(int(n)));
    case 'never':
      return `NOT ${counter(atLeast(int(1)))}`;
    case 'atMost':
      return `NOT ${counter(atLeast(int(n + 1)))}`;
    case 'exactly': {
      const k = int(n);
      return counter(`c.count >= ${k} AND ${inWindow} AND (CASE WHEN c.first_at >= ${since} THEN c.count = ${k} ELSE ${recent(int(n + 1))} = ${k} END)`);
    }
  }
}

function eventSql(node: EventCondition, ctx: Ctx): string {
  if (node.properties === undefined || Object.keys(node.properties).length === 0) return counterEventSql(node, ctx);
  // Conditions on properties read the events themselves.
  const { p } = ctx;
  let filter = `e.type = ${p.add(node.eventType)}`;
  if (node.withinDays !== undefined) {
    filter += ` AND e.occurred_at >= ${p.add(new Date(ctx.now.getTime() - node.withinDays * DAY_MS).toISOString())}::timestamptz`;
  }
  filter += ` AND e.properties @> ${p.add(JSON.stringify(node.properties))}::jsonb`;
  const perLead = `e.tenant_id = $1 AND e.lead_id = l.id AND ${filter}`;
  const n = node.count!;
  if (node.operator === 'never') return `NOT EXISTS (SELECT 1 FROM analytics.events e WHERE ${perLead})`;
  if (node.operator === 'atLeast' && n === 1) return `EXISTS (SELECT 1 FROM analytics.events e WHERE ${perLead})`;

  if (ctx.eventCounts === 'grouped') {
    // One pass over the tenant's matching events, grouped per lead and hashed once. lead_id IS NOT
    // NULL keeps NOT IN exact (a NULL in the list would make it unknown).
    const grouped = (cmp: string): string =>
      `l.id IN (SELECT e.lead_id FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id IS NOT NULL AND ${filter} ` +
      `GROUP BY e.lead_id HAVING count(*) ${cmp} ${p.add(n)})`;
    if (node.operator === 'atLeast') return grouped('>=');
    if (node.operator === 'exactly') return grouped('=');
    return `NOT ${grouped('>')}`;
  }

  // Correlated: read at most n (+1) of the lead's matching events, so PostgreSQL stops early.
  const limited = (limit: string): string => `(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE ${perLead} LIMIT ${limit}) x)`;
  if (node.operator === 'atLeast') {
    const limit = p.add(n);
    return `${limited(limit)} >= ${limit}`;
  }
  const limit = p.add(n + 1);
  return `${limited(limit)} ${node.operator === 'atMost' ? '<=' : '='} ${p.add(n)}`;
}

function nodeSql(node: RuleNode, path: string, ctx: Ctx): string {
  if ('conditions' in node) return groupSql(node, path, ctx);
  switch (node.type) {
    case 'field':
      return fieldSql(node, ctx);
    case 'customField':
      return customFieldSql(node, path, ctx);
    case 'tag':
      return tagSql(node, ctx.p);
    case 'consent':
      return `${CONSENT_COLUMNS[node.channel]} = ${ctx.p.add(node.status)}::crm."ConsentStatus"`;
    case 'event':
      return eventSql(node, ctx);
  }
}

function groupSql(group: GroupNode, path: string, ctx: Ctx): string {
  const prefix = path ? `${path}.conditions` : 'conditions';
  const parts = group.conditions.map((child, i) => nodeSql(child, `${prefix}[${i}]`, ctx));
  return parts.length === 1 ? parts[0] : `(${parts.join(group.op === 'and' ? ' AND ' : ' OR ')})`;
}

/**
 * Compiles a rule tree (validated again here, so untrusted input is safe too) to a WHERE clause
 * over crm.leads `l`. Throws SegmentRuleError for rule problems, including custom-field keys the
 * tenant has not defined; TypeError for a bad tenantId / now.
 */
export function compileSegment(rules: SegmentRules, opts: CompileOptions): CompiledSegment {
  const valid = parseSegmentRules(rules);
  if (!isUuid(opts.tenantId)) throw new TypeError('compileSegment: tenantId must be a UUID');
  const now = opts.now ?? new Date();
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) throw new TypeError('compileSegment: now must be a valid Date');
  const eventCounts = opts.eventCounts ?? 'correlated';
  if (eventCounts !== 'correlated' && eventCounts !== 'grouped') throw new TypeError("compileSegment: eventCounts must be 'correlated' or 'grouped'");
  const ctx: Ctx = { p: new Params(), now, customFields: opts.customFields, eventCounts, errors: [] };
  ctx.p.add(opts.tenantId);
  const body = groupSql(valid, '', ctx);
  if (ctx.errors.length > 0) throw new SegmentRuleError(ctx.errors);
  return { where: `l.tenant_id = $1 AND l.deleted_at IS NULL AND (${body})`, params: ctx.p.values };
}

/** `SELECT count(*)::int AS count FROM crm.leads l WHERE …`: one row, `count` as a JS number. */
export function countSql(compiled: CompiledSegment): SqlQuery {
  return { text: `SELECT count(*)::int AS count FROM crm.leads l WHERE ${compiled.where}`, params: [...compiled.params] };
}

/** Newest leads of the segment first (served by the (tenant_id, created_at DESC, id DESC) index). */
export function sampleSql(compiled: CompiledSegment, limit = 20): SqlQuery {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError('sampleSql: limit must be an integer from 1 to 1000');
  const params = [...compiled.params, limit];
  return {
    text:
      `SELECT l.id, l.email, l.civility, l.first_name AS "firstName", l.last_name AS "lastName", l.company, l.city, l.score ` +
      `FROM crm.leads l WHERE ${compiled.where} ORDER BY l.created_at DESC, l.id DESC LIMIT $${params.length}`,
    params,
  };
}
