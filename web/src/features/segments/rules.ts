/**
 * Rule-builder state: an editable tree of groups and conditions (raw input strings, stable ids)
 * ⇄ the API's rule language (see the segment compiler): `{ op, conditions: [...] }`.
 * Pure functions only, unit-tested.
 */
import type { CustomFieldType } from '@/lib/api/types';

export type GroupOp = 'and' | 'or';
export type FieldKind = 'text' | 'number' | 'date' | 'enum' | 'civility' | 'country';

export const FIELD_KINDS = {
  email: 'text',
  firstName: 'text',
  lastName: 'text',
  phone: 'text',
  company: 'text',
  jobTitle: 'text',
  civility: 'civility',
  streetAddress: 'text',
  postalCode: 'text',
  city: 'text',
  region: 'text',
  country: 'country',
  sourceCreatedAt: 'date',
  source: 'text',
  language: 'text',
  timezone: 'text',
  lifecycleStage: 'enum',
  score: 'number',
  createdAt: 'date',
  updatedAt: 'date',
} as const satisfies Record<string, FieldKind>;
export type RuleField = keyof typeof FIELD_KINDS;
export const RULE_FIELDS = Object.keys(FIELD_KINDS) as RuleField[];

const TEXT_OPS = ['contains', 'eq', 'neq', 'notContains', 'startsWith', 'endsWith', 'in', 'notIn', 'isSet', 'isNotSet'] as const;
const NUMBER_OPS = ['gte', 'gt', 'eq', 'neq', 'lt', 'lte', 'between', 'isSet', 'isNotSet'] as const;
const DATE_OPS = ['withinLastDays', 'moreThanDaysAgo', 'before', 'after', 'between', 'isSet', 'isNotSet'] as const;
const ENUM_OPS = ['eq', 'neq', 'in', 'notIn'] as const;
const SELECT_OPS = ['eq', 'neq', 'in', 'notIn', 'isSet', 'isNotSet'] as const;
const BOOLEAN_OPS = ['eq', 'neq', 'isSet', 'isNotSet'] as const;

export type ValueKind = FieldKind | 'select' | 'boolean';

export function operatorsFor(kind: ValueKind): readonly string[] {
  switch (kind) {
    case 'text':
      return TEXT_OPS;
    case 'number':
      return NUMBER_OPS;
    case 'date':
      return DATE_OPS;
    case 'enum':
      return ENUM_OPS;
    case 'select':
    case 'civility':
    case 'country':
      return SELECT_OPS;
    case 'boolean':
      return BOOLEAN_OPS;
  }
}

/** What input a value needs for this kind of value and operator. */
export type ValueShape = 'none' | 'text' | 'list' | 'number' | 'numberRange' | 'date' | 'dateRange' | 'days' | 'option' | 'optionList' | 'boolean';

export function valueShape(kind: ValueKind, operator: string): ValueShape {
  if (operator === 'isSet' || operator === 'isNotSet') return 'none';
  if (kind === 'boolean') return 'boolean';
  if (kind === 'enum' || kind === 'select' || kind === 'civility' || kind === 'country') return operator === 'in' || operator === 'notIn' ? 'optionList' : 'option';
  if (kind === 'number') return operator === 'between' ? 'numberRange' : 'number';
  if (kind === 'date') {
    if (operator === 'withinLastDays' || operator === 'moreThanDaysAgo') return 'days';
    return operator === 'between' ? 'dateRange' : 'date';
  }
  return operator === 'in' || operator === 'notIn' ? 'list' : 'text';
}

export const TAG_OPS = ['has', 'hasNot', 'hasAny', 'hasAll'] as const;
export const CONSENT_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const CONSENT_STATUSES = ['granted', 'denied', 'unknown'] as const;
export const EVENT_OPS = ['atLeast', 'atMost', 'exactly', 'never'] as const;

export interface FieldCondition {
  type: 'field';
  field: RuleField;
  operator: string;
  value: string;
  value2: string;
}
export interface CustomFieldCondition {
  type: 'customField';
  key: string;
  valueType: CustomFieldType;
  operator: string;
  value: string;
  value2: string;
}
export interface TagCondition {
  type: 'tag';
  operator: (typeof TAG_OPS)[number];
  value: string;
}
export interface ConsentCondition {
  type: 'consent';
  channel: (typeof CONSENT_CHANNELS)[number];
  status: (typeof CONSENT_STATUSES)[number];
}
export interface EventCondition {
  type: 'event';
  eventType: string;
  operator: (typeof EVENT_OPS)[number];
  count: string;
  withinDays: string;
}
export type Condition = FieldCondition | CustomFieldCondition | TagCondition | ConsentCondition | EventCondition;
export type ConditionType = Condition['type'];
export const CONDITION_TYPES: ConditionType[] = ['field', 'customField', 'tag', 'consent', 'event'];

export interface ConditionNode {
  id: string;
  kind: 'condition';
  condition: Condition;
}
export interface GroupNode {
  id: string;
  kind: 'group';
  op: GroupOp;
  children: RuleNode[];
}
export type RuleNode = ConditionNode | GroupNode;

let counter = 0;
export function newId(): string {
  counter += 1;
  return `n${counter}`;
}

export function emptyGroup(op: GroupOp = 'and'): GroupNode {
  return { id: newId(), kind: 'group', op, children: [] };
}

/** A fresh condition of a type, with defaults that already make sense. */
export function newCondition(type: ConditionType, customField?: { key: string; type: CustomFieldType }): Condition {
  switch (type) {
    case 'field':
      return { type, field: 'email', operator: 'isSet', value: '', value2: '' };
    case 'customField': {
      const valueType = customField?.type ?? 'text';
      return { type, key: customField?.key ?? '', valueType, operator: 'isSet', value: '', value2: '' };
    }
    case 'tag':
      return { type, operator: 'has', value: '' };
    case 'consent':
      return { type, channel: 'email', status: 'granted' };
    case 'event':
      return { type, eventType: 'email.opened', operator: 'atLeast', count: '1', withinDays: '30' };
  }
}

export function conditionNode(condition: Condition): ConditionNode {
  return { id: newId(), kind: 'condition', condition };
}

function mapGroup(root: GroupNode, groupId: string, fn: (g: GroupNode) => GroupNode): GroupNode {
  if (root.id === groupId) return fn(root);
  return { ...root, children: root.children.map((c) => (c.kind === 'group' ? mapGroup(c, groupId, fn) : c)) };
}

export function addChild(root: GroupNode, groupId: string, child: RuleNode): GroupNode {
  return mapGroup(root, groupId, (g) => ({ ...g, children: [...g.children, child] }));
}

export function setGroupOp(root: GroupNode, groupId: string, op: GroupOp): GroupNode {
  return mapGroup(root, groupId, (g) => ({ ...g, op }));
}

/** Removes a node anywhere (never the root); a group left empty is removed too. */
export function removeNode(root: GroupNode, nodeId: string): GroupNode {
  const walk = (g: GroupNode): GroupNode => ({
    ...g,
    children: g.children
      .filter((c) => c.id !== nodeId)
      .map((c) => (c.kind === 'group' ? walk(c) : c))
      .filter((c) => c.kind === 'condition' || c.children.length > 0),
  });
  return walk(root);
}

export function updateCondition(root: GroupNode, nodeId: string, patch: Partial<Condition>): GroupNode {
  const walk = (g: GroupNode): GroupNode => ({
    ...g,
    children: g.children.map((c) => {
      if (c.kind === 'group') return walk(c);
      if (c.id !== nodeId) return c;
      return { ...c, condition: normalise({ ...c.condition, ...patch } as Condition, c.condition) };
    }),
  });
  return walk(root);
}

/** Keeps a condition consistent after a change: a new field or type resets an operator it doesn't support. */
function normalise(next: Condition, prev: Condition): Condition {
  if (next.type === 'field') {
    const ops = operatorsFor(FIELD_KINDS[next.field]);
    if (!ops.includes(next.operator)) return normalise({ ...next, operator: ops[0]!, value: '', value2: '' }, next);
    if (prev.type === 'field' && FIELD_KINDS[prev.field] !== FIELD_KINDS[next.field]) return normalise({ ...next, value: '', value2: '' }, next);
    // A stage choice always holds a stage.
    if (FIELD_KINDS[next.field] === 'enum' && (next.operator === 'eq' || next.operator === 'neq') && !next.value) return { ...next, value: 'lead' };
  }
  if (next.type === 'customField') {
    const ops = operatorsFor(next.valueType);
    if (!ops.includes(next.operator)) return { ...next, operator: ops[0]!, value: '', value2: '' };
    if (prev.type === 'customField' && prev.valueType !== next.valueType) return { ...next, value: '', value2: '' };
  }
  return next;
}

export function conditionCount(root: GroupNode): number {
  return root.children.reduce((n, c) => n + (c.kind === 'group' ? conditionCount(c) : 1), 0);
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function toNumber(raw: string): number | string {
  const s = raw.trim().replace(',', '.');
  if (s === '') return '';
  const n = Number(s);
  return Number.isFinite(n) ? n : raw;
}

function valueFor(kind: ValueKind, operator: string, value: string, value2: string): { value?: unknown } {
  switch (valueShape(kind, operator)) {
    case 'none':
      return {};
    case 'list':
    case 'optionList':
      return { value: splitList(value) };
    case 'number':
      return { value: toNumber(value) };
    case 'numberRange':
      return { value: [toNumber(value), toNumber(value2)] };
    case 'dateRange':
      return { value: [value, value2] };
    case 'days':
      return { value: toNumber(value) };
    case 'boolean':
      return { value: value === 'true' };
    default:
      return { value };
  }
}

export type ApiRuleNode = Record<string, unknown>;

/**
 * The tree in the API's rule language, plus where each node sits in it
 * (`conditions[1].conditions[0]`), to put the API's errors on the right condition.
 */
export function toApiRules(root: GroupNode): { rules: ApiRuleNode; paths: Map<string, string> } {
  const paths = new Map<string, string>();
  const walk = (g: GroupNode, path: string): ApiRuleNode => {
    paths.set(g.id, path);
    return {
      op: g.op,
      conditions: g.children.map((c, i) => {
        const p = `${path ? `${path}.` : ''}conditions[${i}]`;
        if (c.kind === 'group') return walk(c, p);
        paths.set(c.id, p);
        return conditionToApi(c.condition);
      }),
    };
  };
  return { rules: walk(root, ''), paths };
}

export function conditionToApi(c: Condition): ApiRuleNode {
  switch (c.type) {
    case 'field':
      return { type: 'field', field: c.field, operator: c.operator, ...valueFor(FIELD_KINDS[c.field], c.operator, c.value, c.value2) };
    case 'customField':
      return { type: 'customField', key: c.key, valueType: c.valueType, operator: c.operator, ...valueFor(c.valueType, c.operator, c.value, c.value2) };
    case 'tag':
      return { type: 'tag', operator: c.operator, value: c.operator === 'hasAny' || c.operator === 'hasAll' ? splitList(c.value) : c.value.trim() };
    case 'consent':
      return { type: 'consent', channel: c.channel, status: c.status };
    case 'event': {
      const out: ApiRuleNode = { type: 'event', eventType: c.eventType.trim(), operator: c.operator };
      if (c.operator !== 'never') out.count = toNumber(c.count);
      if (c.withinDays.trim()) out.withinDays = toNumber(c.withinDays);
      return out;
    }
  }
}

function rawValue(v: unknown): [string, string] {
  if (Array.isArray(v)) {
    return [String(v[0] ?? ''), String(v[1] ?? '')];
  }
  if (v === undefined || v === null) return ['', ''];
  return [String(v), ''];
}

/** A stored rule tree back into editable state (unknown nodes are dropped). */
export function fromApiRules(rules: unknown): GroupNode {
  const walk = (node: Record<string, unknown>): RuleNode | null => {
    if (Array.isArray(node.conditions)) {
      const children = (node.conditions as Record<string, unknown>[]).map(walk).filter((c): c is RuleNode => c !== null);
      return { id: newId(), kind: 'group', op: node.op === 'or' ? 'or' : 'and', children };
    }
    const [value, value2] = rawValue(node.value);
    switch (node.type) {
      case 'field': {
        const listLike = Array.isArray(node.value) && (node.operator === 'in' || node.operator === 'notIn');
        return conditionNode({ type: 'field', field: node.field as RuleField, operator: String(node.operator), value: listLike ? (node.value as unknown[]).join(', ') : value, value2: listLike ? '' : value2 });
      }
      case 'customField': {
        const listLike = Array.isArray(node.value) && (node.operator === 'in' || node.operator === 'notIn');
        return conditionNode({ type: 'customField', key: String(node.key), valueType: node.valueType as CustomFieldType, operator: String(node.operator), value: listLike ? (node.value as unknown[]).join(', ') : value, value2: listLike ? '' : value2 });
      }
      case 'tag':
        return conditionNode({ type: 'tag', operator: node.operator as TagCondition['operator'], value: Array.isArray(node.value) ? node.value.join(', ') : String(node.value ?? '') });
      case 'consent':
        return conditionNode({ type: 'consent', channel: node.channel as ConsentCondition['channel'], status: node.status as ConsentCondition['status'] });
      case 'event':
        return conditionNode({
          type: 'event',
          eventType: String(node.eventType ?? ''),
          operator: node.operator as EventCondition['operator'],
          count: node.count === undefined ? '' : String(node.count),
          withinDays: node.withinDays === undefined ? '' : String(node.withinDays),
        });
      default:
        return null;
    }
  };
  const root = rules && typeof rules === 'object' ? walk(rules as Record<string, unknown>) : null;
  return root && root.kind === 'group' ? root : emptyGroup();
}

export interface NodeError {
  /** The property of the node at fault (`operator`, `value`…), or '' for the node itself. */
  property: string;
  code: string;
  message: string;
}

/**
 * The API's field errors (`rules.conditions[1].operator`) attached to the builder's nodes:
 * the deepest node whose path prefixes the error's path gets it.
 */
export function errorsByNode(errors: readonly { field: string; code?: string; message: string }[], paths: Map<string, string>): Map<string, NodeError[]> {
  const byPath = new Map<string, string>();
  for (const [id, p] of paths) byPath.set(p, id);
  const out = new Map<string, NodeError[]>();
  for (const e of errors) {
    if (e.field !== 'rules' && !e.field.startsWith('rules.')) continue;
    const rest = e.field === 'rules' ? '' : e.field.slice('rules.'.length);
    // Longest node path that is a prefix of the error path.
    let best = '';
    for (const p of byPath.keys()) {
      if ((p === '' || rest === p || rest.startsWith(`${p}.`) || rest.startsWith(`${p}[`)) && p.length >= best.length) best = p;
    }
    const id = byPath.get(best);
    if (!id) continue;
    const property = rest.slice(best.length).replace(/^\./, '');
    const list = out.get(id) ?? [];
    list.push({ property, code: e.code ?? '', message: e.message });
    out.set(id, list);
  }
  return out;
}
