// Segment rule tree: types, limits and the strict validator (see index.ts for the language).

import { parseCountryCode } from '../../../../common/geo/countries.js';
import { CIVILITIES } from '../../lead-standard-fields.js';

export const MAX_CHILDREN = 50;
export const MAX_DEPTH = 5;
export const MAX_CONDITIONS = 200;
export const MAX_LIST_ITEMS = 500;
export const MAX_STRING_LENGTH = 500;
export const MAX_EVENT_COUNT = 10_000;
export const MAX_WITHIN_DAYS = 3650;
export const MAX_DAYS_VALUE = 36_500;
export const MAX_EVENT_PROPERTIES = 20;

export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] as const;
export const CONSENT_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const CONSENT_STATUSES = ['granted', 'denied', 'unknown'] as const;
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Value kinds a lead field or custom field compares as. */
export type ValueKind = 'text' | 'number' | 'date' | 'enum' | 'uuid' | 'boolean' | 'select' | 'civility' | 'country';

export const TEXT_OPERATORS = ['eq', 'neq', 'contains', 'notContains', 'startsWith', 'endsWith', 'in', 'notIn', 'isSet', 'isNotSet'] as const;
export const NUMBER_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'isSet', 'isNotSet'] as const;
export const DATE_OPERATORS = ['before', 'after', 'between', 'withinLastDays', 'moreThanDaysAgo', 'isSet', 'isNotSet'] as const;
export const ENUM_OPERATORS = ['eq', 'neq', 'in', 'notIn'] as const;
export const UUID_OPERATORS = ['eq', 'neq', 'in', 'notIn', 'isSet', 'isNotSet'] as const;
export const SELECT_OPERATORS = ['eq', 'neq', 'in', 'notIn', 'isSet', 'isNotSet'] as const;
export const BOOLEAN_OPERATORS = ['eq', 'neq', 'isSet', 'isNotSet'] as const;
/** Civility (mr, ms, other) and country (ISO 3166-1 alpha-2, any case): one of a known set, or not given. */
export const CODE_OPERATORS = ['eq', 'neq', 'in', 'notIn', 'isSet', 'isNotSet'] as const;

export const OPERATORS_BY_KIND: Record<ValueKind, readonly string[]> = {
  text: TEXT_OPERATORS,
  number: NUMBER_OPERATORS,
  date: DATE_OPERATORS,
  enum: ENUM_OPERATORS,
  uuid: UUID_OPERATORS,
  select: SELECT_OPERATORS,
  boolean: BOOLEAN_OPERATORS,
  civility: CODE_OPERATORS,
  country: CODE_OPERATORS,
};

export const ALL_FIELD_OPERATORS = [
  'eq', 'neq', 'contains', 'notContains', 'startsWith', 'endsWith', 'in', 'notIn', 'isSet', 'isNotSet',
  'gt', 'gte', 'lt', 'lte', 'between', 'before', 'after', 'withinLastDays', 'moreThanDaysAgo',
] as const;
export type FieldOperator = (typeof ALL_FIELD_OPERATORS)[number];

/** Lead fields a rule may name, with their column (never taken from the rule) and value kind. */
export const LEAD_FIELDS = {
  email: { column: 'email', kind: 'text' },
  firstName: { column: 'first_name', kind: 'text' },
  lastName: { column: 'last_name', kind: 'text' },
  phone: { column: 'phone', kind: 'text' },
  company: { column: 'company', kind: 'text' },
  jobTitle: { column: 'job_title', kind: 'text' },
  civility: { column: 'civility', kind: 'civility' },
  streetAddress: { column: 'street_address', kind: 'text' },
  postalCode: { column: 'postal_code', kind: 'text' },
  city: { column: 'city', kind: 'text' },
  region: { column: 'region', kind: 'text' },
  country: { column: 'country', kind: 'country' },
  sourceCreatedAt: { column: 'source_created_at', kind: 'date' },
  source: { column: 'source', kind: 'text' },
  language: { column: 'language', kind: 'text' },
  timezone: { column: 'timezone', kind: 'text' },
  lifecycleStage: { column: 'lifecycle_stage', kind: 'enum' },
  ownerId: { column: 'owner_id', kind: 'uuid' },
  score: { column: 'score', kind: 'number' },
  createdAt: { column: 'created_at', kind: 'date' },
  updatedAt: { column: 'updated_at', kind: 'date' },
} as const satisfies Record<string, { column: string; kind: ValueKind }>;
export type LeadField = keyof typeof LEAD_FIELDS;

/** A field value after validation: strings, numbers, booleans, ISO dates, or a list / pair of them. */
export type ConditionValue = string | number | boolean | string[] | [number, number] | [string, string];

export interface GroupNode {
  op: 'and' | 'or';
  conditions: RuleNode[];
}
export interface FieldCondition {
  type: 'field';
  field: LeadField;
  operator: FieldOperator;
  value?: ConditionValue;
}
export interface CustomFieldCondition {
  type: 'customField';
  key: string;
  valueType: CustomFieldType;
  operator: FieldOperator;
  value?: ConditionValue;
}
export interface TagCondition {
  type: 'tag';
  operator: 'has' | 'hasNot' | 'hasAny' | 'hasAll';
  value: string | string[];
}
export interface ConsentCondition {
  type: 'consent';
  channel: ConsentChannel;
  status: ConsentStatus;
}
export interface EventCondition {
  type: 'event';
  eventType: string;
  operator: 'atLeast' | 'atMost' | 'exactly' | 'never';
  count?: number;
  withinDays?: number;
  properties?: Record<string, string | number | boolean>;
}
export type Condition = FieldCondition | CustomFieldCondition | TagCondition | ConsentCondition | EventCondition;
export type RuleNode = GroupNode | Condition;
/** A validated rule tree: the root is always a group. */
export type SegmentRules = GroupNode;

export interface SegmentRuleIssue {
  /** Where the problem is, e.g. `conditions[1].conditions[0].operator`; '' is the root itself. */
  path: string;
  code: string;
  message: string;
}

export class SegmentRuleError extends Error {
  readonly errors: SegmentRuleIssue[];
  constructor(errors: SegmentRuleIssue[]) {
    const first = errors[0];
    super(
      errors.length === 0
        ? 'Invalid segment rules'
        : `Invalid segment rules: ${first.path || '(root)'}: ${first.message}` +
            (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''),
    );
    this.name = 'SegmentRuleError';
    this.errors = errors;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID_RE.test(v);
}

/** A rule date: `YYYY-MM-DD` (a whole UTC day) or an ISO date-time (no offset = UTC). */
export interface RuleDate {
  /** The instant the value starts at. */
  start: Date;
  /** Date-only values cover a whole day: the start of the next day; date-times: same as start. */
  end: Date;
  dateOnly: boolean;
}

export function parseRuleDate(v: unknown): RuleDate | null {
  if (typeof v !== 'string') return null;
  let m = DATE_ONLY_RE.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const start = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1000 || start.getUTCFullYear() !== y || start.getUTCMonth() !== mo - 1 || start.getUTCDate() !== d) return null;
    return { start, end: new Date(start.getTime() + 86_400_000), dateOnly: true };
  }
  m = DATE_TIME_RE.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m![i] ?? 0));
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1000 || day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const offset = m[8];
  if (offset && offset !== 'Z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 14 || om > 59) return null;
  }
  const t = Date.parse(offset ? v : `${v}Z`);
  if (!Number.isFinite(t)) return null;
  const start = new Date(t);
  return { start, end: start, dateOnly: false };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : typeof v;

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

class Collector {
  readonly errors: SegmentRuleIssue[] = [];
  conditions = 0;
  add(path: string, code: string, message: string): void {
    if (this.errors.length < 100) this.errors.push({ path, code, message });
  }
}

/** A non-empty string without NUL (PostgreSQL text cannot hold it), at most `max` characters. */
function checkString(c: Collector, path: string, v: unknown, what: string, max = MAX_STRING_LENGTH): v is string {
  if (typeof v !== 'string') {
    c.add(path, 'invalid_type', `${what} must be a string, got ${describe(v)}`);
    return false;
  }
  if (v.length === 0) {
    c.add(path, 'invalid_value', `${what} must not be empty`);
    return false;
  }
  if (v.length > max) {
    c.add(path, 'too_long', `${what} must be at most ${max} characters`);
    return false;
  }
  if (v.includes('\u0000')) {
    c.add(path, 'invalid_value', `${what} must not contain NUL characters`);
    return false;
  }
  return true;
}

function checkKeys(c: Collector, path: string, node: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(node)) {
    if (!allowed.includes(k)) c.add(join(path, k), 'unknown_property', `unknown property "${k}"`);
  }
}

function checkOneOf<T extends string>(c: Collector, path: string, v: unknown, allowed: readonly T[], what: string, code = 'invalid_value'): v is T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return true;
  if (v === undefined) c.add(path, 'required', `${what} is required (one of ${allowed.join(', ')})`);
  else c.add(path, code, `${what} must be one of ${allowed.join(', ')}, got ${describe(v)}`);
  return false;
}

function checkInt(c: Collector, path: string, v: unknown, min: number, max: number, what: string): v is number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    c.add(path, v === undefined ? 'required' : 'invalid_type', `${what} must be an integer between ${min} and ${max}`);
    return false;
  }
  if (v < min || v > max) {
    c.add(path, 'out_of_range', `${what} must be between ${min} and ${max}, got ${v}`);
    return false;
  }
  return true;
}

function checkNumber(c: Collector, path: string, v: unknown, what: string): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    c.add(path, 'invalid_type', `${what} must be a finite number, got ${describe(v)}`);
    return false;
  }
  return true;
}

/** Validates the value of a field / custom-field condition for its kind and operator. */
function checkFieldValue(c: Collector, path: string, kind: ValueKind, operator: string, node: Record<string, unknown>): void {
  const vpath = join(path, 'value');
  const has = Object.prototype.hasOwnProperty.call(node, 'value');
  const v = node.value;
  if (operator === 'isSet' || operator === 'isNotSet') {
    if (has) c.add(vpath, 'unexpected_value', `operator "${operator}" takes no value`);
    return;
  }
  if (!has || v === undefined) {
    c.add(vpath, 'required', `operator "${operator}" needs a value`);
    return;
  }
  const scalar = (p: string, x: unknown): boolean => {
    switch (kind) {
      case 'text':
      case 'select':
        return checkString(c, p, x, 'value');
      case 'enum':
        return checkOneOf(c, p, x, LIFECYCLE_STAGES, 'value');
      case 'civility':
        return checkOneOf(c, p, x, CIVILITIES, 'value');
      case 'country':
        if (typeof x !== 'string' || !parseCountryCode(x)) {
          c.add(p, 'invalid_value', `value must be an ISO 3166-1 alpha-2 country code such as FR, got ${describe(x)}`);
          return false;
        }
        return true;
      case 'uuid':
        if (!isUuid(x)) {
          c.add(p, 'invalid_value', `value must be a UUID, got ${describe(x)}`);
          return false;
        }
        return true;
      case 'number':
        return checkNumber(c, p, x, 'value');
      case 'boolean':
        if (typeof x !== 'boolean') {
          c.add(p, 'invalid_type', `value must be true or false, got ${describe(x)}`);
          return false;
        }
        return true;
      case 'date':
        if (!parseRuleDate(x)) {
          c.add(p, 'invalid_value', `value must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got ${describe(x)}`);
          return false;
        }
        return true;
    }
  };
  switch (operator) {
    case 'in':
    case 'notIn': {
      if (!Array.isArray(v)) {
        c.add(vpath, 'invalid_type', `operator "${operator}" needs an array of values, got ${describe(v)}`);
        return;
      }
      if (v.length === 0 || v.length > MAX_LIST_ITEMS) {
        c.add(vpath, 'out_of_range', `operator "${operator}" needs 1 to ${MAX_LIST_ITEMS} values, got ${v.length}`);
        return;
      }
      v.forEach((x, i) => scalar(join(vpath, i), x));
      return;
    }
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) {
        c.add(vpath, 'invalid_type', 'operator "between" needs a [from, to] pair');
        return;
      }
      if (!scalar(join(vpath, 0), v[0]) || !scalar(join(vpath, 1), v[1])) return;
      if (kind === 'number' && (v[0] as number) > (v[1] as number)) {
        c.add(vpath, 'invalid_range', '"between" needs from ≤ to');
      } else if (kind === 'date' && parseRuleDate(v[0])!.start.getTime() > parseRuleDate(v[1])!.end.getTime()) {
        c.add(vpath, 'invalid_range', '"between" needs from ≤ to');
      }
      return;
    }
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      checkInt(c, vpath, v, 1, MAX_DAYS_VALUE, 'value (days)');
      return;
    default:
      if (Array.isArray(v)) {
        c.add(vpath, 'invalid_type', `operator "${operator}" needs a single value, got an array`);
        return;
      }
      scalar(vpath, v);
  }
}

const NODE_TYPES = ['field', 'customField', 'tag', 'consent', 'event'] as const;

function checkNode(c: Collector, path: string, node: unknown, depth: number): void {
  if (!isPlainObject(node)) {
    c.add(path, 'invalid_type', `a rule node must be an object, got ${describe(node)}`);
    return;
  }
  if ('op' in node || 'conditions' in node) {
    checkGroup(c, path, node, depth);
    return;
  }
  c.conditions++;
  if (!checkOneOf(c, join(path, 'type'), node.type, NODE_TYPES, 'type', 'unknown_type')) return;
  switch (node.type) {
    case 'field': {
      checkKeys(c, path, node, ['type', 'field', 'operator', 'value']);
      if (!checkOneOf(c, join(path, 'field'), node.field, Object.keys(LEAD_FIELDS), 'field', 'unknown_field')) return;
      const kind = LEAD_FIELDS[node.field as LeadField].kind;
      if (!checkOneOf(c, join(path, 'operator'), node.operator, OPERATORS_BY_KIND[kind], `operator for field "${node.field}"`, 'invalid_operator')) return;
      checkFieldValue(c, path, kind, node.operator as string, node);
      return;
    }
    case 'customField': {
      checkKeys(c, path, node, ['type', 'key', 'valueType', 'operator', 'value']);
      checkString(c, join(path, 'key'), node.key, 'key', 100);
      if (!checkOneOf(c, join(path, 'valueType'), node.valueType, CUSTOM_FIELD_TYPES, 'valueType')) return;
      const kind = node.valueType as ValueKind;
      if (!checkOneOf(c, join(path, 'operator'), node.operator, OPERATORS_BY_KIND[kind], `operator for a ${kind} custom field`, 'invalid_operator')) return;
      checkFieldValue(c, path, kind, node.operator as string, node);
      return;
    }
    case 'tag': {
      checkKeys(c, path, node, ['type', 'operator', 'value']);
      if (!checkOneOf(c, join(path, 'operator'), node.operator, ['has', 'hasNot', 'hasAny', 'hasAll'] as const, 'operator', 'invalid_operator')) return;
      const vpath = join(path, 'value');
      if (node.operator === 'has' || node.operator === 'hasNot') {
        checkString(c, vpath, node.value, 'tag', 200);
      } else if (!Array.isArray(node.value)) {
        c.add(vpath, node.value === undefined ? 'required' : 'invalid_type', `operator "${node.operator}" needs an array of tags`);
      } else if (node.value.length === 0 || node.value.length > MAX_LIST_ITEMS) {
        c.add(vpath, 'out_of_range', `operator "${node.operator}" needs 1 to ${MAX_LIST_ITEMS} tags`);
      } else {
        node.value.forEach((t, i) => checkString(c, join(vpath, i), t, 'tag', 200));
      }
      return;
    }
    case 'consent':
      checkKeys(c, path, node, ['type', 'channel', 'status']);
      checkOneOf(c, join(path, 'channel'), node.channel, CONSENT_CHANNELS, 'channel');
      checkOneOf(c, join(path, 'status'), node.status, CONSENT_STATUSES, 'status');
      return;
    case 'event': {
      checkKeys(c, path, node, ['type', 'eventType', 'operator', 'count', 'withinDays', 'properties']);
      checkString(c, join(path, 'eventType'), node.eventType, 'eventType', 200);
      if (checkOneOf(c, join(path, 'operator'), node.operator, ['atLeast', 'atMost', 'exactly', 'never'] as const, 'operator', 'invalid_operator')) {
        if (node.operator === 'never') {
          if (node.count !== undefined) c.add(join(path, 'count'), 'unexpected_value', 'operator "never" takes no count');
        } else {
          checkInt(c, join(path, 'count'), node.count, 1, MAX_EVENT_COUNT, 'count');
        }
      }
      if (node.withinDays !== undefined) checkInt(c, join(path, 'withinDays'), node.withinDays, 1, MAX_WITHIN_DAYS, 'withinDays');
      if (node.properties !== undefined) {
        const ppath = join(path, 'properties');
        if (!isPlainObject(node.properties)) {
          c.add(ppath, 'invalid_type', 'properties must be an object of key → string | number | boolean');
        } else {
          const entries = Object.entries(node.properties);
          if (entries.length > MAX_EVENT_PROPERTIES) c.add(ppath, 'out_of_range', `at most ${MAX_EVENT_PROPERTIES} properties`);
          for (const [k, v] of entries) {
            const kp = join(ppath, k);
            if (k.length === 0 || k.length > 100 || k.includes('\u0000')) c.add(kp, 'invalid_value', 'property keys must be 1 to 100 characters without NUL');
            else if (typeof v === 'string') checkString(c, kp, v, 'property value', MAX_STRING_LENGTH);
            else if (typeof v === 'number') checkNumber(c, kp, v, 'property value');
            else if (typeof v !== 'boolean') c.add(kp, 'invalid_type', `property values must be a string, number or boolean, got ${describe(v)}`);
          }
        }
      }
      return;
    }
  }
}

function checkGroup(c: Collector, path: string, node: Record<string, unknown>, depth: number): void {
  checkKeys(c, path, node, ['op', 'conditions']);
  checkOneOf(c, join(path, 'op'), node.op, ['and', 'or'] as const, 'op', 'invalid_operator');
  if (depth > MAX_DEPTH) {
    c.add(path, 'too_deep', `groups may be nested at most ${MAX_DEPTH} levels deep`);
    return;
  }
  const cpath = join(path, 'conditions');
  const children = node.conditions;
  if (!Array.isArray(children)) {
    c.add(cpath, children === undefined ? 'required' : 'invalid_type', 'conditions must be an array of rule nodes');
    return;
  }
  if (children.length === 0) {
    c.add(cpath, 'empty_group', 'a group needs at least one condition');
    return;
  }
  if (children.length > MAX_CHILDREN) {
    c.add(cpath, 'too_many_conditions', `a group may hold at most ${MAX_CHILDREN} conditions, got ${children.length}`);
    return;
  }
  children.forEach((child, i) => checkNode(c, join(cpath, i), child, depth + 1));
}

/**
 * Validates an untrusted rule tree (e.g. a request body). Returns it typed, or throws a
 * SegmentRuleError listing every problem found, each with the path of the offending node.
 */
export function parseSegmentRules(input: unknown): SegmentRules {
  const c = new Collector();
  if (!isPlainObject(input) || !('op' in input || 'conditions' in input)) {
    c.add('', 'invalid_type', 'the rules must be a group: { "op": "and" | "or", "conditions": [...] }');
  } else {
    checkGroup(c, '', input, 1);
    if (c.conditions > MAX_CONDITIONS) {
      c.add('', 'too_many_conditions', `a segment may hold at most ${MAX_CONDITIONS} conditions in all, got ${c.conditions}`);
    }
  }
  if (c.errors.length > 0) throw new SegmentRuleError(c.errors);
  return input as unknown as SegmentRules;
}
