import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import type { ScoringRule, TimelineItem } from '@/lib/api/types';
import {
  describeCondition,
  formatPoints,
  partDetail,
  recomputeView,
  ruleLimits,
  ruleSentence,
  ruleToForm,
  scoreChanges,
  scoreReason,
  scoringProblem,
  scoringRuleSchema,
  toCreateInput,
  toUpdateInput,
  newRuleForm,
  defaultCondition,
  type SentenceContext,
  type Translate,
} from './scoring-rules';

function ctx(locale: 'fr' | 'en', labels: Record<string, string> = {}): SentenceContext {
  const tr = createTranslator({ locale, messages: locale === 'fr' ? fr : en });
  const t: Translate = (key, values) => tr(key as never, values as never);
  return { t, locale, customFieldLabel: (key) => labels[key] };
}

const rule = (over: Partial<ScoringRule>): ScoringRule => ({
  id: 'r1',
  name: 'Décideur',
  kind: 'attribute',
  condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' },
  points: 10,
  maxPoints: null,
  decayDays: null,
  active: true,
  createdAt: '2026-11-01T10:00:00.000Z',
  ...over,
});

describe('rule sentences', () => {
  it('reads an attribute rule as a sentence, in French and English', () => {
    expect(ruleSentence(rule({}), ctx('fr'))).toBe('Fonction contient « directeur » → +10');
    expect(ruleSentence(rule({}), ctx('en'))).toBe('Job title contains “directeur” → +10');
    expect(ruleSentence(rule({ points: -5, condition: { type: 'field', field: 'email', operator: 'isNotSet' } }), ctx('fr'))).toBe('E-mail n\'est pas renseigné → -5');
  });

  it('formats values by the field kind: stages, numbers, ranges, lists, dates and days', () => {
    const fr1 = ctx('fr');
    expect(describeCondition('attribute', { type: 'field', field: 'lifecycleStage', operator: 'eq', value: 'customer' }, fr1)).toBe('Étape du cycle de vie est égal à Client');
    expect(describeCondition('attribute', { type: 'field', field: 'score', operator: 'between', value: [10, 1500] }, ctx('en'))).toBe('Score between 10 and 1,500');
    expect(describeCondition('attribute', { type: 'field', field: 'source', operator: 'in', value: ['salon', 'site'] }, fr1)).toBe('Source est l\'un de « salon », « site »');
    expect(describeCondition('attribute', { type: 'field', field: 'createdAt', operator: 'withinLastDays', value: 30 }, fr1)).toBe('Date de création dans les 30 derniers jours');
    expect(describeCondition('attribute', { type: 'field', field: 'createdAt', operator: 'moreThanDaysAgo', value: 1 }, ctx('en'))).toBe('Created more than 1 day ago');
    expect(describeCondition('attribute', { type: 'field', field: 'createdAt', operator: 'before', value: '2026-12-01' }, ctx('en'))).toBe('Created before Dec 1, 2026');
  });

  it('names custom fields by their label, and reads tags and consent', () => {
    const c = ctx('fr', { budget: 'Budget (€)' });
    expect(describeCondition('attribute', { type: 'customField', key: 'budget', valueType: 'number', operator: 'gte', value: 300000 }, c)).toBe('Budget (€) supérieur ou égal à 300\u202f000');
    expect(describeCondition('attribute', { type: 'customField', key: 'gone', valueType: 'boolean', operator: 'eq', value: true }, c)).toBe('gone est égal à Oui');
    expect(describeCondition('attribute', { type: 'tag', operator: 'hasAny', value: ['vip', 'salon'] }, c)).toBe('A l\'une des étiquettes « vip », « salon »');
    expect(describeCondition('attribute', { type: 'consent', channel: 'sms', status: 'granted' }, ctx('en'))).toBe('SMS consent granted');
    expect(describeCondition('attribute', { type: 'event', eventType: 'x' }, c)).toBe('Condition non reconnue');
  });

  it('reads behaviour rules: known events by name, others quoted, with properties, cap and period', () => {
    const behaviour = rule({ kind: 'behaviour', condition: { eventType: 'email.clicked' }, points: 5, maxPoints: 30, decayDays: 90 });
    expect(ruleSentence(behaviour, ctx('fr'))).toBe('Clique dans un e-mail → +5 par événement');
    expect(ruleLimits(behaviour, ctx('fr'))).toEqual(['plafonné à 30 points', 'événements des 90 derniers jours']);
    expect(ruleLimits(rule({}), ctx('fr'))).toEqual([]);
    expect(describeCondition('behaviour', { eventType: 'quote.requested', properties: { url: '/pricing', plan: 2 } }, ctx('en'))).toBe('Event “quote.requested” (url = “/pricing”, plan = “2”)');
  });

  it('signs points', () => {
    expect(formatPoints(10, 'fr')).toBe('+10');
    expect(formatPoints(-1000, 'en')).toBe('-1,000');
    expect(formatPoints(0, 'en')).toBe('0');
  });
});

describe('the editor form', () => {
  const issues = (v: Record<string, unknown>) => {
    const r = scoringRuleSchema.safeParse({ ...newRuleForm(), name: 'Règle', ...v });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('follows the API: name, whole points between -1000 and 1000 (not 0)', () => {
    expect(issues({})).toEqual({});
    expect(issues({ name: '  ', points: '0' })).toEqual({ name: 'validation.required', points: 'validation.scorePoints' });
    expect(issues({ name: 'x'.repeat(101), points: '1001' })).toEqual({ name: 'validation.tooLong', points: 'validation.scorePoints' });
    expect(issues({ points: '2.5' })).toEqual({ points: 'validation.scorePoints' });
    expect(issues({ points: ' -1000 ' })).toEqual({});
  });

  it('checks behaviour fields only for behaviour rules', () => {
    const bad = { eventType: 'Email Clicked', maxPoints: '0', decayDays: '4000', properties: [{ key: '', value: 'x' }, { key: 'url', value: 'a' }, { key: 'url', value: 'b' }] };
    expect(issues(bad)).toEqual({});
    expect(issues({ ...bad, kind: 'behaviour' })).toEqual({
      eventType: 'validation.eventType',
      maxPoints: 'validation.maxPoints',
      decayDays: 'validation.decayDays',
      'properties.0.key': 'validation.required',
      'properties.2.key': 'validation.propertyDuplicate',
    });
    expect(issues({ kind: 'behaviour', eventType: 'devis.demande', maxPoints: '', decayDays: '' })).toEqual({});
  });

  it('builds the API bodies: the segment condition, or the event with its properties and limits', () => {
    const attribute = { ...newRuleForm(), name: ' Décideur ', points: '10' };
    expect(toCreateInput(attribute, { ...defaultCondition(), value: 'directeur' })).toEqual({
      name: 'Décideur',
      kind: 'attribute',
      points: 10,
      active: true,
      condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' },
    });
    const behaviour = { ...newRuleForm(), name: 'Clics', kind: 'behaviour' as const, points: '5', eventType: ' email.clicked ', properties: [{ key: 'url', value: '/tarifs' }, { key: ' ', value: '' }], maxPoints: '30', decayDays: '' };
    expect(toCreateInput(behaviour, defaultCondition())).toEqual({ name: 'Clics', kind: 'behaviour', points: 5, active: true, condition: { eventType: 'email.clicked', properties: { url: '/tarifs' } }, maxPoints: 30 });
    // An update clears an emptied period and never sends the kind.
    expect(toUpdateInput(behaviour, defaultCondition())).toEqual({ name: 'Clics', points: 5, active: true, condition: { eventType: 'email.clicked', properties: { url: '/tarifs' } }, maxPoints: 30, decayDays: null });
  });

  it('loads a stored rule back into the form', () => {
    const loaded = ruleToForm(rule({ condition: { type: 'tag', operator: 'has', value: 'vip' }, active: false }));
    expect(loaded.condition).toEqual({ type: 'tag', operator: 'has', value: 'vip' });
    expect(loaded.values).toMatchObject({ name: 'Décideur', kind: 'attribute', points: '10', active: false, maxPoints: '', properties: [] });
    const behaviour = ruleToForm(rule({ kind: 'behaviour', condition: { eventType: 'page.viewed', properties: { url: '/prix' } }, maxPoints: 20, decayDays: 30 }));
    expect(behaviour.values).toMatchObject({ eventType: 'page.viewed', properties: [{ key: 'url', value: '/prix' }], maxPoints: '20', decayDays: '30' });
  });

  it('puts the API problem details on the right inputs', () => {
    const errors = [
      { field: 'name', code: 'maxLength', message: 'name must be shorter' },
      { field: 'points', code: 'max', message: 'points must not be greater than 1000' },
      { field: 'condition.operator', code: 'invalid', message: 'operator for field "jobTitle" must be one of …' },
      { field: 'active', code: 'isBoolean', message: 'active must be a boolean' },
    ];
    expect(scoringProblem(errors, 'attribute')).toEqual({
      fields: [
        { field: 'name', message: 'validation.tooLong' },
        { field: 'points', message: 'validation.scorePoints' },
      ],
      condition: [{ property: 'operator', code: 'invalid_operator', message: 'operator for field "jobTitle" must be one of …' }],
      unplaced: true,
    });
    expect(scoringProblem([{ field: 'condition', code: 'invalid', message: 'a behaviour condition is …' }], 'behaviour')).toEqual({
      fields: [{ field: 'eventType', message: 'validation.eventType' }],
      condition: [],
      unplaced: false,
    });
    expect(scoringProblem([{ field: 'condition.value[1]', code: 'invalid', message: 'bad' }], 'attribute').condition).toEqual([{ property: 'value[1]', code: 'invalid_value', message: 'bad' }]);
  });
});

describe('the lead page', () => {
  it('understands the reasons the API writes for score changes', () => {
    expect(scoreReason('rule "Décideur" created')).toEqual({ kind: 'ruleCreated', name: 'Décideur' });
    expect(scoreReason('rule "Clics "pro"" deleted')).toEqual({ kind: 'ruleDeleted', name: 'Clics "pro"' });
    expect(scoreReason('new events')).toEqual({ kind: 'events' });
    expect(scoreReason('lead changed')).toEqual({ kind: 'leadChanged' });
    expect(scoreReason('merge')).toEqual({ kind: 'other', text: 'merge' });
  });

  it('keeps the score changes of a timeline, newest first', () => {
    const items: TimelineItem[] = [
      { kind: 'note', id: 'n', at: '2026-11-03T10:00:00Z', title: 'Claire', details: { body: 'x' } },
      { kind: 'score', id: 'a', at: '2026-11-01T10:00:00Z', title: 'rule "A" created', details: { score: 10, delta: 10 } },
      { kind: 'score', id: 'b', at: '2026-11-02T10:00:00Z', title: 'new events', details: { score: 15, delta: 5 } },
    ];
    expect(scoreChanges(items)).toEqual([
      { id: 'b', at: '2026-11-02T10:00:00Z', score: 15, delta: 5, reason: { kind: 'events' } },
      { id: 'a', at: '2026-11-01T10:00:00Z', score: 10, delta: 10, reason: { kind: 'ruleCreated', name: 'A' } },
    ]);
  });

  it('tells when a behaviour rule hit its cap, and counts events only when exact', () => {
    const capped = rule({ kind: 'behaviour', points: 5, maxPoints: 12, decayDays: 90 });
    expect(partDetail({ ruleId: 'r1', name: 'x', kind: 'behaviour', points: 12, events: 2 }, capped)).toEqual({ events: null, cappedAt: 12, decayDays: 90 });
    expect(partDetail({ ruleId: 'r1', name: 'x', kind: 'behaviour', points: 10, events: 2 }, capped)).toEqual({ events: 2, cappedAt: null, decayDays: 90 });
    expect(partDetail({ ruleId: 'r1', name: 'x', kind: 'behaviour', points: -12, events: 2 }, { ...capped, points: -5 })).toMatchObject({ cappedAt: 12 });
    expect(partDetail({ ruleId: 'r1', name: 'x', kind: 'attribute', points: 10 }, rule({}))).toEqual({ events: null, cappedAt: null, decayDays: null });
  });
});

describe('the recompute job', () => {
  const job = (state: 'waiting' | 'active' | 'completed' | 'failed', progress: number, result: Record<string, never> | null = null, error: string | null = null) => ({ state, progress, result, error });
  it('is queued, running (indeterminate until it reports progress), done with the changed count, or failed', () => {
    expect(recomputeView(undefined)).toEqual({ phase: 'queued', percent: null, changed: null, error: null });
    expect(recomputeView(job('waiting', 0))).toEqual({ phase: 'queued', percent: null, changed: null, error: null });
    expect(recomputeView(job('active', 0)).percent).toBeNull();
    expect(recomputeView(job('active', 40))).toEqual({ phase: 'running', percent: 40, changed: null, error: null });
    expect(recomputeView(job('completed', 100, { changed: 3 } as unknown as Record<string, never>))).toEqual({ phase: 'done', percent: 100, changed: 3, error: null });
    expect(recomputeView(job('failed', 0, null, 'boom'))).toEqual({ phase: 'failed', percent: null, changed: null, error: 'boom' });
  });
});
