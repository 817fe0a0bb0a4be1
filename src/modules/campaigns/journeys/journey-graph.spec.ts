import { type JourneyInput, validateJourney } from './journey-graph.js';
import { nextLocalTime, pickVariant, wakeAt } from './step-timing.js';

const T = '0190a0a0-0000-7000-8000-000000000001';

const base = (): JourneyInput => ({
  entry: 'welcome',
  steps: [
    { key: 'welcome', kind: 'send', config: { templateId: T } },
    { key: 'pause', kind: 'wait', config: { durationMinutes: 60 } },
    { key: 'opened', kind: 'condition', config: { test: 'opened', stepKey: 'welcome' } },
    { key: 'tag', kind: 'action', config: { action: 'tag', tag: 'engaged' } },
    { key: 'done', kind: 'exit' },
  ],
  edges: [
    { from: 'welcome', to: 'pause', branch: 'next' },
    { from: 'pause', to: 'opened', branch: 'next' },
    { from: 'opened', to: 'tag', branch: 'yes' },
    { from: 'opened', to: 'done', branch: 'no' },
    { from: 'tag', to: 'done', branch: 'next' },
  ],
});

const issuesOf = (j: JourneyInput) => validateJourney(j).issues;

describe('validateJourney', () => {
  it('accepts a well-formed journey and fills defaults', () => {
    const r = validateJourney(base());
    expect(r.issues).toEqual([]);
    expect(r.journey!.steps[0]).toMatchObject({ key: 'welcome', name: 'welcome', config: { channel: 'email', templateId: T } });
  });

  it('names a send step without content', () => {
    const j = base();
    j.steps[0]!.config = {};
    expect(issuesOf(j)).toEqual([expect.objectContaining({ step: 'welcome', code: 'missing_content', field: 'steps[0].config.templateId', message: expect.stringContaining('"welcome"') })]);
  });

  it('names an unreachable step', () => {
    const j = base();
    j.steps.push({ key: 'orphan', kind: 'exit' });
    expect(issuesOf(j)).toEqual([expect.objectContaining({ step: 'orphan', code: 'unreachable', field: 'steps[5]' })]);
  });

  it('refuses a loop without a wait, and accepts one through a wait', () => {
    const j = base();
    j.edges = j.edges.filter((e) => e.from !== 'tag');
    j.edges.push({ from: 'tag', to: 'opened', branch: 'next' });
    expect(issuesOf(j)).toEqual([expect.objectContaining({ code: 'cycle_without_wait', message: expect.stringMatching(/"opened" → "tag"|"tag" → "opened"/) })]);

    const ok = base();
    ok.edges = ok.edges.filter((e) => e.from !== 'tag');
    ok.edges.push({ from: 'tag', to: 'pause', branch: 'next' });
    expect(issuesOf(ok)).toEqual([]);
  });

  it('needs both branches of a condition', () => {
    const j = base();
    j.edges = j.edges.filter((e) => e.branch !== 'no');
    expect(issuesOf(j)).toEqual([expect.objectContaining({ step: 'opened', code: 'missing_branch', message: expect.stringContaining('"no"') })]);
  });

  it('checks split percentages and their branches', () => {
    const j: JourneyInput = {
      entry: 'ab',
      steps: [
        { key: 'ab', kind: 'split', config: { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 40 }] } },
        { key: 'a', kind: 'send', config: { templateId: T } },
        { key: 'b', kind: 'send', config: { templateId: T } },
      ],
      edges: [
        { from: 'ab', to: 'a', branch: 'A' },
        { from: 'ab', to: 'b', branch: 'B' },
      ],
    };
    expect(issuesOf(j)).toEqual([expect.objectContaining({ step: 'ab', code: 'percent_sum', message: expect.stringContaining('90') })]);
    (j.steps[0]!.config as { variants: { percent: number }[] }).variants[1]!.percent = 50;
    expect(issuesOf(j)).toEqual([]);
    j.edges.pop();
    expect(issuesOf(j)).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'ab', code: 'missing_branch' }), expect.objectContaining({ step: 'b', code: 'unreachable' })]));
  });

  it('refuses edges to unknown steps, wrong branches, exits that lead on, duplicate keys, a bad entry', () => {
    const j = base();
    j.edges.push({ from: 'done', to: 'welcome', branch: 'next' }, { from: 'welcome', to: 'nowhere', branch: 'yes' });
    expect(issuesOf(j).map((i) => i.code).sort()).toEqual(['invalid_branch', 'unknown_step']);
    expect(issuesOf({ ...base(), entry: 'nope' })).toEqual([expect.objectContaining({ field: 'entry', code: 'unknown_step' })]);
    const dup = base();
    dup.steps.push({ key: 'done', kind: 'exit' });
    expect(issuesOf(dup)).toEqual([expect.objectContaining({ step: 'done', code: 'duplicate' })]);
  });

  it('checks each kind\'s configuration', () => {
    const j = base();
    j.steps[1]!.config = { durationMinutes: 0 };
    j.steps[3]!.config = { action: 'webhook', url: 'ftp://x.test' };
    expect(issuesOf(j).map((i) => i.step)).toEqual(['pause', 'tag']);
  });
});

describe('step timing', () => {
  const now = new Date('2026-03-28T10:00:00Z');

  it('waits a duration or until a date', () => {
    expect(wakeAt({ durationMinutes: 90 }, now, 'UTC').toISOString()).toBe('2026-03-28T11:30:00.000Z');
    expect(wakeAt({ until: '2026-04-01T08:00:00+02:00' }, now, 'UTC').toISOString()).toBe('2026-04-01T06:00:00.000Z');
    expect(wakeAt({ until: '2020-01-01T00:00:00Z' }, now, 'UTC')).toEqual(now);
  });

  it('waits until the lead\'s local time of day, across a DST change', () => {
    // 10:00 UTC is 11:00 in Paris (winter time); 09:00 Paris comes tomorrow, which is summer time.
    expect(nextLocalTime('09:00', now, 'Europe/Paris').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(nextLocalTime('12:30', now, 'Europe/Paris').toISOString()).toBe('2026-03-28T11:30:00.000Z');
    // New York is on summer time already (06:00 there): 09:00 comes today.
    expect(nextLocalTime('09:00', now, 'America/New_York').toISOString()).toBe('2026-03-28T13:00:00.000Z');
    expect(nextLocalTime('11:00', now, 'Not/AZone').toISOString()).toBe('2026-03-28T11:00:00.000Z');
  });

  it('splits by percentage, the same way every time', () => {
    const cfg = { variants: [{ key: 'A', percent: 20 }, { key: 'B', percent: 80 }] };
    const counts = { A: 0, B: 0 } as Record<string, number>;
    for (let i = 0; i < 5000; i++) counts[pickVariant(cfg, 's', `lead-${i}`)]!++;
    expect(counts.A! / 5000).toBeGreaterThan(0.17);
    expect(counts.A! / 5000).toBeLessThan(0.23);
    expect(pickVariant(cfg, 's', 'lead-1')).toBe(pickVariant(cfg, 's', 'lead-1'));
  });
});
