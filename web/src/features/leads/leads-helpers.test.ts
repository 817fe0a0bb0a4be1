import { describe, expect, it, vi } from 'vitest';
import { reorderPatches } from '@/features/custom-fields/custom-fields-settings';
import { ApiError } from '@/lib/api/client';
import type { Lead } from '@/lib/api/types';
import { applyProblem } from '@/features/shared/form-errors';
import { activeFilterCount, EMPTY_FILTERS, filtersFromParams, filtersToParams, parseTags, suggestKey, toLeadQuery } from './lead-query';
import { formatPhone, cleanOptions, customFieldSchema, formToLeadInput, isCustomValueValid, isLeadEmail, isLeadPhone, leadFormSchema, leadToForm, noteSchema } from './schemas';

const fields = [
  { id: '1', key: 'budget', label: 'Budget', type: 'number' as const, options: [], position: 0, createdAt: '' },
  { id: '2', key: 'bien', label: 'Bien', type: 'select' as const, options: ['Maison', 'Appartement'], position: 1, createdAt: '' },
  { id: '3', key: 'visite', label: 'Visite', type: 'date' as const, options: [], position: 2, createdAt: '' },
  { id: '4', key: 'vip', label: 'VIP', type: 'boolean' as const, options: [], position: 3, createdAt: '' },
];

const lead: Lead = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'camille@exemple.fr',
  firstName: 'Camille',
  lastName: null,
  phone: '+33612345678',
  company: 'Agence',
  jobTitle: null,
  source: 'salon',
  civility: 'ms',
  streetAddress: null,
  postalCode: '42000',
  city: 'Saint-Étienne',
  region: 'Auvergne-Rhône-Alpes',
  country: 'FR',
  sourceCreatedAt: null,
  lifecycleStage: 'lead',
  ownerId: null,
  tags: ['vip'],
  customFields: { budget: 250000, bien: 'Maison' },
  consent: {
    email: { status: 'granted', at: '2026-11-01T10:00:00Z', source: 'web-form' },
    sms: { status: 'unknown', at: null, source: null },
    whatsapp: { status: 'unknown', at: null, source: null },
  },
  language: null,
  timezone: null,
  score: 12,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  deletedAt: null,
  mergedIntoId: null,
  otherEmails: [],
  otherPhones: [],
};

describe('lead list filters → GET /leads query', () => {
  it('leaves out empty filters and trims the rest', () => {
    expect(toLeadQuery(EMPTY_FILTERS, 50)).toEqual({ limit: 50, sort: 'createdAt' });
    const q = toLeadQuery({ q: '  martin ', stages: ['sql', 'lead'], source: ' site ', tag: 'salon-2026', emailConsent: 'granted', trash: true, sort: 'score' }, 25);
    expect(q).toEqual({ limit: 25, sort: 'score', q: 'martin', lifecycleStage: ['lead,sql'], source: 'site', tag: 'salon-2026', emailConsent: 'granted', deleted: 'only' });
  });
  it('round-trips through the page URL and ignores junk', () => {
    const f = { ...EMPTY_FILTERS, q: 'dupont', stages: ['mql' as const], trash: true, sort: 'score' as const };
    const params = filtersToParams(f);
    expect(params.toString()).toBe('q=dupont&stage=mql&trash=1&sort=score');
    expect(filtersFromParams(params)).toEqual(f);
    expect(filtersFromParams(new URLSearchParams('stage=nope,lead&consent=maybe&sort=x'))).toEqual({ ...EMPTY_FILTERS, stages: ['lead'] });
  });
  it('counts active filters besides search and sort', () => {
    expect(activeFilterCount({ ...EMPTY_FILTERS, q: 'x', sort: 'score' })).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTERS, stages: ['lead'], tag: 'a', trash: true })).toBe(3);
  });
  it('parses tags like the API (trimmed, de-duplicated case-insensitively)', () => {
    expect(parseTags(' vip, Salon ,, salon,VIP ')).toEqual(['vip', 'Salon']);
  });
});

describe('custom field key suggestion', () => {
  it('follows the API key rule', () => {
    expect(suggestKey('Budget (€) max')).toBe('budget_max');
    expect(suggestKey('Type de bien recherché')).toBe('type_de_bien_recherche');
    expect(suggestKey('2e contact')).toBe('f_2e_contact');
    expect(suggestKey('   ')).toBe('');
    const long = suggestKey('a'.repeat(39) + ' b');
    expect(long).toBe('a'.repeat(39));
    for (const label of ['Surface m²', 'Élan', '__x__', 'Date de visite', 'a'.repeat(80)]) expect(suggestKey(label)).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });
});

describe('lead form schema follows the API rules', () => {
  const schema = leadFormSchema(fields);
  const base = leadToForm(null, fields);
  const issues = (v: object) => {
    const r = schema.safeParse({ ...base, ...v });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };
  it('needs an email or a phone, each valid', () => {
    expect(issues({})).toEqual({ email: 'validation.emailOrPhone' });
    expect(issues({ email: 'Camille@Exemple.FR' })).toEqual({});
    expect(issues({ phone: '06 12 34 56 78' })).toEqual({});
    expect(issues({ email: 'pas-un-email', phone: '12' })).toEqual({ email: 'validation.email', phone: 'validation.phone' });
    expect(isLeadEmail('a@b')).toBe(false);
    expect(isLeadPhone('+44 20 7946 0958')).toBe(true);
  });
  it('checks lengths, tags and custom field values by type', () => {
    expect(issues({ email: 'a@b.fr', company: 'x'.repeat(201), tags: 'x'.repeat(51) })).toEqual({ company: 'validation.tooLong', tags: 'validation.tags' });
    expect(issues({ email: 'a@b.fr', customFields: { budget: 'abc', bien: 'Château', visite: '2026-13-45', vip: true } })).toEqual({
      'customFields.budget': 'validation.custom_number',
      'customFields.bien': 'validation.custom_select',
      'customFields.visite': 'validation.custom_date',
    });
    expect(isCustomValueValid({ type: 'number', options: [] }, '12,5')).toBe(true);
    expect(isCustomValueValid({ type: 'text', options: [] }, 'x'.repeat(1001))).toBe(false);
  });
  it('builds a create body without empty fields, with ticked consents granted', () => {
    const body = formToLeadInput({ ...base, email: ' a@b.fr ', tags: 'vip, salon', consent: { email: true, sms: false, whatsapp: false }, customFields: { budget: '12,5', bien: '', visite: '', vip: false } }, fields, null);
    expect(body).toEqual({ email: 'a@b.fr', country: null, lifecycleStage: 'lead', tags: ['vip', 'salon'], consent: { email: { status: 'granted', source: 'web-app' } }, customFields: { budget: 12.5 } });
  });
  it('builds an update body with only the changes; emptied fields become null', () => {
    const values = leadToForm(lead, fields);
    expect(formToLeadInput(values, fields, lead)).toEqual({});
    const body = formToLeadInput({ ...values, company: '', jobTitle: 'Directrice', consent: { email: false, sms: true, whatsapp: false }, customFields: { ...values.customFields, budget: '', vip: true } }, fields, lead);
    expect(body).toEqual({
      company: null,
      jobTitle: 'Directrice',
      consent: { email: { status: 'denied', source: 'web-app' }, sms: { status: 'granted', source: 'web-app' } },
      customFields: { budget: null, vip: true },
    });
  });
  it('validates notes', () => {
    expect(noteSchema.safeParse({ body: '   ' }).success).toBe(false);
    expect(noteSchema.safeParse({ body: 'x'.repeat(5001) }).success).toBe(false);
    expect(noteSchema.safeParse({ body: 'Rappeler lundi' }).success).toBe(true);
  });
});

describe('custom field form schema', () => {
  it('checks the key pattern and select options', () => {
    expect(customFieldSchema.safeParse({ label: 'Budget', key: 'budget', type: 'number', options: [{ value: '' }] }).success).toBe(true);
    const bad = customFieldSchema.safeParse({ label: ' ', key: '1budget', type: 'select', options: [{ value: 'A' }, { value: 'A ' }] });
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      label: 'validation.required',
      key: 'validation.fieldKey',
      'options.1.value': 'validation.optionDuplicate',
    });
    expect(customFieldSchema.safeParse({ label: 'Bien', key: 'bien', type: 'select', options: [{ value: ' ' }] }).error?.issues[0]?.message).toBe('validation.optionsRequired');
    expect(cleanOptions([{ value: ' Maison ' }, { value: '' }, { value: 'Maison' }, { value: 'Loft' }])).toEqual(['Maison', 'Loft']);
  });
  it('only patches the positions that change when reordering', () => {
    expect(reorderPatches([{ id: 'b', position: 1 }, { id: 'a', position: 0 }, { id: 'c', position: 2 }])).toEqual([
      { id: 'b', position: 0 },
      { id: 'a', position: 1 },
    ]);
  });
});

describe('API field errors on nested fields', () => {
  it('attaches customFields.<key> errors to that input', () => {
    const setError = vi.fn();
    const err = new ApiError({ status: 400, code: 'LEAD_INVALID', errors: [{ field: 'customFields.budget', code: 'invalidValue', message: 'must be a valid number' }] });
    expect(applyProblem(err, setError, ['email', 'customFields.budget'], (_c, f) => f)).toBeNull();
    expect(setError).toHaveBeenCalledWith('customFields.budget', { type: 'server', message: 'must be a valid number' });
  });
});

describe('phone display', () => {
  it('shows French numbers nationally and others internationally', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
});
