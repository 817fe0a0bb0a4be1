import { describe, expect, it } from 'vitest';
import type { Lead } from '@/lib/api/types';
import { actorPhrase, changeLines, knownReasons, mergeChoices, mergeRows } from './lead-history';

const base = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'helene@agence.fr',
  firstName: 'Hélène',
  lastName: 'Lefèvre',
  phone: '+33612345678',
  company: null,
  jobTitle: null,
  source: null,
  civility: 'ms',
  streetAddress: null,
  postalCode: null,
  city: 'Lyon',
  region: null,
  country: 'FR',
  sourceCreatedAt: null,
  lifecycleStage: 'lead',
  ownerId: null,
  tags: [],
  customFields: {},
  consent: {
    email: { status: 'unknown', at: null, source: null },
    sms: { status: 'unknown', at: null, source: null },
    whatsapp: { status: 'unknown', at: null, source: null },
  },
  language: null,
  timezone: null,
  score: 0,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  deletedAt: null,
  mergedIntoId: null,
  otherEmails: [],
  otherPhones: [],
} satisfies Lead;

describe('who did it, in words', () => {
  it('names members, imports by file, API keys without their prefix, jobs by what they do', () => {
    expect(actorPhrase({ kind: 'member', id: 'u1', label: 'Claire' })).toEqual({ select: 'member', name: 'Claire' });
    expect(actorPhrase({ kind: 'import', id: 'i1', label: 'agence.csv' })).toEqual({ select: 'import', name: 'agence.csv' });
    expect(actorPhrase({ kind: 'api_key', id: 'k1', label: 'Zapier (lyn_AbCdEf…)' })).toEqual({ select: 'apiKey', name: 'Zapier' });
    expect(actorPhrase({ kind: 'system', id: 'enrich-leads', label: null })).toEqual({ select: 'enrichment', name: '' });
    expect(actorPhrase({ kind: 'system', id: 'rescore-leads', label: null })).toEqual({ select: 'scoring', name: '' });
    expect(actorPhrase({ kind: 'system', id: 'something-new', label: null })).toEqual({ select: 'system', name: '' });
    expect(actorPhrase(null)).toEqual({ select: 'system', name: '' });
  });
});

describe('a change as lines', () => {
  it('orders fields as a lead reads, one line per custom field, and skips what is not a pair', () => {
    const lines = changeLines({
      city: ['Lyon', 'Saint-Étienne'],
      firstName: [null, 'Hélène'],
      customFields: [{ budget: 1, plan: 'pro' }, { budget: 2, plan: 'pro', vip: true }],
      futureField: ['a', 'b'],
      broken: 'x',
    });
    expect(lines).toEqual([
      { field: 'firstName', from: null, to: 'Hélène' },
      { field: 'city', from: 'Lyon', to: 'Saint-Étienne' },
      { field: 'customFields', custom: 'budget', from: 1, to: 2 },
      { field: 'customFields', custom: 'vip', from: null, to: true },
      { field: 'futureField', from: 'a', to: 'b' },
    ]);
    expect(changeLines(null)).toEqual([]);
  });
});

describe('merge choices', () => {
  it('lists only the fields that differ, keeping this lead\'s value unless it is empty', () => {
    const other: Lead = { ...base, id: '00000000-0000-4000-8000-000000000002', email: 'h.lefevre@gmail.com', city: 'Saint-Étienne', company: 'Agence Horizon', civility: 'ms' };
    const rows = mergeRows(base, other);
    expect(rows.map((r) => [r.field, r.choice])).toEqual([
      ['email', 'this'],
      ['company', 'other'],
      ['city', 'this'],
    ]);
    expect(mergeChoices(rows.map((r) => (r.field === 'city' ? { ...r, choice: 'other' as const } : r)))).toEqual({ email: 'this', company: 'other', city: 'other' });
  });

  it('shows the API\'s reasons it knows, strongest first', () => {
    expect(knownReasons(['company', 'name', 'phone', 'soundex'])).toEqual(['phone', 'name', 'company']);
  });
});
