import { describe, expect, it } from 'vitest';
import {
  addChild,
  conditionCount,
  conditionNode,
  emptyGroup,
  errorsByNode,
  fromApiRules,
  newCondition,
  operatorsFor,
  removeNode,
  setGroupOp,
  toApiRules,
  updateCondition,
  valueShape,
  type ConditionNode,
  type GroupNode,
} from './rules';

function tree() {
  const root = emptyGroup('and');
  const a = conditionNode({ type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur', value2: '' });
  const b = conditionNode(newCondition('event'));
  const inner = emptyGroup('or');
  const c = conditionNode({ type: 'tag', operator: 'hasAny', value: 'vip, salon 2026 ,' });
  inner.children.push(c);
  let r = addChild(root, root.id, a);
  r = addChild(r, r.id, b);
  r = addChild(r, r.id, inner);
  return { root: r, a, b, inner, c };
}

describe('rule tree → API rules', () => {
  it('serialises groups and each condition type with typed values', () => {
    const { root } = tree();
    const { rules } = toApiRules(root);
    expect(rules).toEqual({
      op: 'and',
      conditions: [
        { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' },
        { type: 'event', eventType: 'email.opened', operator: 'atLeast', count: 1, withinDays: 30 },
        { op: 'or', conditions: [{ type: 'tag', operator: 'hasAny', value: ['vip', 'salon 2026'] }] },
      ],
    });
  });

  it('drops value for isSet, count for never, and parses numbers, ranges and days', () => {
    const root = emptyGroup();
    root.children.push(
      conditionNode({ type: 'field', field: 'email', operator: 'isSet', value: 'x', value2: '' }),
      conditionNode({ type: 'event', eventType: 'email.clicked', operator: 'never', count: '3', withinDays: '' }),
      conditionNode({ type: 'field', field: 'score', operator: 'between', value: '10', value2: '20,5' }),
      conditionNode({ type: 'field', field: 'createdAt', operator: 'withinLastDays', value: '7', value2: '' }),
      conditionNode({ type: 'customField', key: 'vip', valueType: 'boolean', operator: 'eq', value: 'true', value2: '' }),
    );
    const { rules } = toApiRules(root);
    expect(rules.conditions).toEqual([
      { type: 'field', field: 'email', operator: 'isSet' },
      { type: 'event', eventType: 'email.clicked', operator: 'never' },
      { type: 'field', field: 'score', operator: 'between', value: [10, 20.5] },
      { type: 'field', field: 'createdAt', operator: 'withinLastDays', value: 7 },
      { type: 'customField', key: 'vip', valueType: 'boolean', operator: 'eq', value: true },
    ]);
  });

  it('round-trips through fromApiRules', () => {
    const { root } = tree();
    const { rules } = toApiRules(root);
    expect(toApiRules(fromApiRules(rules)).rules).toEqual(rules);
    expect(fromApiRules(null).children).toEqual([]);
  });
});

describe('rule tree edits', () => {
  it('adds, updates, switches operators and removes nodes immutably', () => {
    const { root, a, inner, c } = tree();
    const switched = setGroupOp(root, inner.id, 'and');
    expect((switched.children[2] as GroupNode).op).toBe('and');
    expect((root.children[2] as GroupNode).op).toBe('or');
    // A field of another kind resets an operator it does not support.
    const toScore = updateCondition(root, a.id, { field: 'score' });
    const cond = (toScore.children[0] as ConditionNode).condition;
    expect(cond).toMatchObject({ field: 'score', operator: 'gte', value: '' });
    // The stage field always carries a stage.
    const toStage = updateCondition(root, a.id, { field: 'lifecycleStage' });
    expect((toStage.children[0] as ConditionNode).condition).toMatchObject({ operator: 'eq', value: 'lead' });
    // Removing the only child of a nested group removes the group.
    const removed = removeNode(root, c.id);
    expect(removed.children).toHaveLength(2);
    expect(conditionCount(root)).toBe(3);
    expect(conditionCount(removed)).toBe(2);
  });

  it('knows which operators and inputs each kind takes', () => {
    expect(operatorsFor('enum')).toEqual(['eq', 'neq', 'in', 'notIn']);
    expect(valueShape('text', 'in')).toBe('list');
    expect(valueShape('date', 'between')).toBe('dateRange');
    expect(valueShape('date', 'moreThanDaysAgo')).toBe('days');
    expect(valueShape('number', 'isNotSet')).toBe('none');
    expect(valueShape('select', 'eq')).toBe('option');
  });
});

describe('API errors → builder nodes', () => {
  it('puts each error on the deepest node its path names', () => {
    const { root, b, inner, c } = tree();
    const { paths } = toApiRules(root);
    const errors = errorsByNode(
      [
        { field: 'rules.conditions[1].operator', code: 'invalid_operator', message: 'bad op' },
        { field: 'rules.conditions[2].conditions[0].value[1]', code: 'required', message: 'empty' },
        { field: 'rules.conditions[2]', code: 'empty_group', message: 'empty group' },
        { field: 'name', code: 'required', message: 'ignored' },
      ],
      paths,
    );
    expect(errors.get(b.id)).toEqual([{ property: 'operator', code: 'invalid_operator', message: 'bad op' }]);
    expect(errors.get(c.id)).toEqual([{ property: 'value[1]', code: 'required', message: 'empty' }]);
    expect(errors.get(inner.id)).toEqual([{ property: '', code: 'empty_group', message: 'empty group' }]);
    expect([...errors.keys()]).toHaveLength(3);
  });
});
