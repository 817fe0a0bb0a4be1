import { describe, expect, it } from 'vitest';
import { confidenceLevel, initialMapping, jobCounters, progressPercent, sampleValues, validateMapping } from './mapping';

describe('import mapping validation', () => {
  it('needs an email or a phone column', () => {
    expect(validateMapping([{ column: 0, field: 'firstName' }, { column: 1, field: null }])).toEqual({ ok: false, problems: ['noIdentifier'], duplicateColumns: [] });
    expect(validateMapping([{ column: 0, field: 'phone' }]).ok).toBe(true);
    expect(validateMapping([{ column: 0, field: 'email' }, { column: 1, field: 'customField:budget' }]).ok).toBe(true);
  });

  it('refuses a field chosen for two columns and names them', () => {
    const v = validateMapping([
      { column: 0, field: 'email' },
      { column: 1, field: 'lastName' },
      { column: 2, field: 'lastName' },
      { column: 3, field: null },
      { column: 4, field: null },
    ]);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(['duplicate']);
    expect(v.duplicateColumns).toEqual([1, 2]);
  });

  it('starts from the suggested mapping in column order', () => {
    expect(
      initialMapping([
        { column: 1, header: 'Nom', field: 'lastName', confidence: 1 },
        { column: 0, header: 'Courriel', field: 'email', confidence: 0.9 },
        { column: 2, header: '???', field: null, confidence: 0 },
      ]),
    ).toEqual([
      { column: 0, field: 'email' },
      { column: 1, field: 'lastName' },
      { column: 2, field: null },
    ]);
  });

  it('shows sample values and confidence levels', () => {
    expect(sampleValues([['a', ' '], ['', 'x'], ['b', 'y'], ['c'], ['d']], 0)).toEqual(['a', 'b', 'c']);
    expect(confidenceLevel(0.95, 'email')).toBe('high');
    expect(confidenceLevel(0.7, 'email')).toBe('medium');
    expect(confidenceLevel(0.3, 'email')).toBe('low');
    expect(confidenceLevel(1, null)).toBe('none');
  });
});

describe('import job progress', () => {
  it('reads counters from object progress, then from the result', () => {
    expect(jobCounters({ progress: { processed: 5, created: 3, updated: 1, unchanged: 0, rejected: 1 }, result: null })).toMatchObject({ processed: 5, created: 3, rejected: 1, percent: null });
    expect(jobCounters({ progress: 100, result: { created: 2, updated: 0, unchanged: 1, rejected: 1 } })).toMatchObject({ processed: 4, created: 2, percent: 100 });
    expect(jobCounters({ progress: 40, result: null })).toMatchObject({ processed: 0, percent: 40 });
    expect(jobCounters(undefined).percent).toBeNull();
    // The import's own progress: counters and the share of the file read; merged rows count in processed.
    expect(jobCounters({ progress: { created: 7, updated: 0, unchanged: 0, merged: 2, rejected: 1, warned: 3, percent: 42 }, result: null })).toEqual({
      processed: 10,
      created: 7,
      updated: 0,
      unchanged: 0,
      merged: 2,
      rejected: 1,
      warned: 3,
      percent: 42,
    });
  });

  it('turns counts into a percentage that only reaches 100 when done', () => {
    expect(progressPercent(50, 100, null, false)).toBe(50);
    expect(progressPercent(100, 100, null, false)).toBe(99);
    expect(progressPercent(0, 0, null, true)).toBe(100);
    expect(progressPercent(0, 0, 30, false)).toBe(30);
  });
});
