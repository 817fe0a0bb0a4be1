import { describe, expect, it } from 'vitest';
import type { Job } from '@/lib/api/types';
import { bulkJobView } from './bulk-job';
import { cleanColumns, columnCatalogue, DEFAULT_COLUMNS, formatLeadCount, moveColumn, toggleColumn } from './lead-columns';
import { EMPTY_FILTERS, nextSort, parseSort, ruleCount, toCountQuery, toMatching } from './lead-query';

describe('sorting by header clicks', () => {
  it('starts dates and scores newest / highest first, text A→Z, and reverses on a second click', () => {
    expect(nextSort('-createdAt', 'lastName')).toBe('lastName');
    expect(nextSort('lastName', 'lastName')).toBe('-lastName');
    expect(nextSort('-lastName', 'lastName')).toBe('lastName');
    expect(nextSort('lastName', 'score')).toBe('-score');
    expect(nextSort('-score', 'score')).toBe('score');
    expect(nextSort('-score', 'createdAt')).toBe('-createdAt');
    expect(nextSort('-createdAt', 'createdAt')).toBe('createdAt');
    expect(parseSort('-city')).toEqual({ field: 'city', descending: true });
    expect(parseSort('postalCode')).toEqual({ field: 'postalCode', descending: false });
  });
});

describe('column chooser', () => {
  const fields = [
    { key: 'budget', label: 'Budget' },
    { key: 'agence', label: 'Agence' },
  ];
  it('offers the standard columns (address ones included) then custom fields by label', () => {
    const all = columnCatalogue(fields);
    expect(all).toEqual(expect.arrayContaining(['civility', 'streetAddress', 'postalCode', 'city', 'region', 'country', 'sourceCreatedAt']));
    expect(all.slice(-2)).toEqual(['custom.agence', 'custom.budget']);
  });
  it('cleans a stored choice: unknown and deleted columns dropped, duplicates once, the name first', () => {
    expect(cleanColumns(null, fields)).toEqual(DEFAULT_COLUMNS);
    expect(cleanColumns(['city', 'name', 'city', 'custom.budget', 'custom.gone', 'password'], fields)).toEqual(['name', 'city', 'custom.budget']);
    // While custom fields load, their columns are kept.
    expect(cleanColumns(['custom.gone'], undefined)).toEqual(['name', 'custom.gone']);
  });
  it('toggles and moves columns, never the name', () => {
    const cols = toggleColumn(['name', 'email'], 'city', true);
    expect(cols).toEqual(['name', 'email', 'city']);
    expect(toggleColumn(cols, 'city', true)).toEqual(cols);
    expect(toggleColumn(cols, 'name', false)).toEqual(cols);
    expect(moveColumn(cols, 'city', -1)).toEqual(['name', 'city', 'email']);
    expect(moveColumn(cols, 'email', -1)).toEqual(cols);
    expect(moveColumn(cols, 'city', 1)).toEqual(cols);
    expect(toggleColumn(cols, 'email', false)).toEqual(['name', 'city']);
  });
});

describe('counts', () => {
  it('says exact counts in full and estimates compactly, per locale', () => {
    expect(formatLeadCount(1234, true, 'en')).toBe('1,234');
    expect(formatLeadCount(1_234_567, false, 'en')).toBe('1.2M');
    expect(formatLeadCount(1_234_567, false, 'fr').replace(/\s/g, ' ')).toBe('1,2 M');
  });
});

describe('select all matching', () => {
  it('sends the list filters as the bulk action\'s matching body (arrays and rules as JSON, not text)', () => {
    const rules = { op: 'and', conditions: [{ type: 'customField', key: 'budget', valueType: 'number', operator: 'gte', value: 1 }] };
    expect(toMatching(EMPTY_FILTERS)).toEqual({ deleted: 'exclude' });
    expect(toMatching({ ...EMPTY_FILTERS, q: ' lyon ', stages: ['sql', 'lead'], tag: 'vip', trash: true, rules })).toEqual({
      deleted: 'only',
      q: 'lyon',
      lifecycleStage: ['lead', 'sql'],
      tag: 'vip',
      filter: rules,
    });
    expect(toCountQuery({ ...EMPTY_FILTERS, rules })).toEqual({ filter: JSON.stringify(rules) });
    expect(ruleCount(rules)).toBe(1);
    expect(ruleCount({ op: 'or', conditions: [{ type: 'tag' }, { op: 'and', conditions: [{ type: 'tag' }, { type: 'tag' }] }] })).toBe(3);
    expect(ruleCount(null)).toBe(0);
  });

  it('follows a bulk job from waiting to done', () => {
    // JobDto types progress and result as opaque objects: the worker's counters, as it writes them.
    const o = (value: object) => value as Job['progress'] & Job['result'];
    expect(bulkJobView(undefined)).toMatchObject({ phase: 'queued', percent: null });
    expect(bulkJobView({ state: 'active', progress: o({ done: 1000, total: 2600, affected: 990 }), result: null, error: null })).toMatchObject({
      phase: 'running',
      done: 1000,
      total: 2600,
      percent: 38,
      affected: 990,
    });
    expect(bulkJobView({ state: 'completed', progress: 100, result: o({ matched: 2600, affected: 2598 }), error: null })).toMatchObject({ phase: 'done', done: 2600, total: 2600, percent: 100, affected: 2598 });
    expect(bulkJobView({ state: 'failed', progress: o({ done: 0, total: 5 }), result: null, error: 'boom' })).toMatchObject({ phase: 'failed', error: 'boom' });
  });
});
