import { describe, expect, it } from 'vitest';
import type { Lead } from '@/lib/api/types';
import { COUNTRY_CODES, countryName, countryOptions, matchCountry, searchCountries } from './countries';
import { formatLeadName } from './lead-name';
import { formToLeadInput, isPostalCodeValid, leadFormSchema, leadToForm } from './schemas';

const short = (c: 'mr' | 'ms') => ({ mr: 'M.', ms: 'Mme' })[c];

describe('formatLeadName', () => {
  it('puts the civility before the name, French style', () => {
    expect(formatLeadName({ civility: 'ms', firstName: 'Hélène', lastName: 'Lefèvre' }, short)).toBe('Mme Hélène Lefèvre');
    expect(formatLeadName({ civility: 'mr', firstName: null, lastName: 'Martin' }, short)).toBe('M. Martin');
  });
  it('adds nothing for "other", no civility, or no name', () => {
    expect(formatLeadName({ civility: 'other', firstName: 'Sam', lastName: 'Roy' }, short)).toBe('Sam Roy');
    expect(formatLeadName({ civility: null, firstName: 'Sam', lastName: null }, short)).toBe('Sam');
    expect(formatLeadName({ civility: 'ms', firstName: null, lastName: null }, short)).toBe('');
  });
});

describe('countries', () => {
  it('names countries in the UI language and sorts them as it sorts', () => {
    expect(countryName('FR', 'fr')).toBe('France');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('DE', 'en')).toBe('Germany');
    const fr = countryOptions('fr');
    expect(fr).toHaveLength(COUNTRY_CODES.length);
    expect(fr.findIndex((o) => o.code === 'DE')).toBeLessThan(fr.findIndex((o) => o.code === 'BE'));
    expect(fr.findIndex((o) => o.code === 'AE')).toBeLessThan(fr.findIndex((o) => o.code === 'FR'));
  });
  it('finds a country by its name without accents, or by its code', () => {
    const re = countryOptions('fr').find((o) => o.code === 'RE')!;
    expect(matchCountry(re, 'reunion')).toBe(true);
    expect(matchCountry(re, 're')).toBe(true);
    expect(matchCountry(re, 'fr')).toBe(false);
    expect(matchCountry(countryOptions('fr').find((o) => o.code === 'FR')!, 'FR')).toBe(true);
  });
  it('lists the countries whose code is the search or whose name starts with it first', () => {
    expect(searchCountries(countryOptions('fr'), 'fra').map((o) => o.code)).toEqual(['FR', 'GF', 'PF', 'TF']);
    expect(searchCountries(countryOptions('fr'), 're')[0]!.code).toBe('RE');
    expect(searchCountries(countryOptions('en'), 'united').map((o) => o.code).slice(0, 3)).toEqual(['AE', 'GB', 'US']);
  });
});

describe('address in the lead form', () => {
  it('checks French postal codes only (4 digits pass: the API restores the 0)', () => {
    expect(isPostalCodeValid('42000', 'FR')).toBe(true);
    expect(isPostalCodeValid('1400', 'FR')).toBe(true);
    expect(isPostalCodeValid('75 008', 'FR')).toBe(true);
    expect(isPostalCodeValid('4200A', 'FR')).toBe(false);
    expect(isPostalCodeValid('SW1A 1AA', 'GB')).toBe(true);
    const schema = leadFormSchema([]);
    const r = schema.safeParse({ ...leadToForm(null, [], 'FR'), email: 'a@b.fr', postalCode: '123' });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['postalCode', 'validation.postalCode']]);
  });

  it('starts a new lead in the workspace country and sends it, null included', () => {
    const values = leadToForm(null, [], 'FR');
    expect(values.country).toBe('FR');
    expect(formToLeadInput({ ...values, email: 'a@b.fr', civility: 'ms', postalCode: ' 42000 ' }, [], null)).toMatchObject({ civility: 'ms', postalCode: '42000', country: 'FR' });
    expect(formToLeadInput({ ...values, email: 'a@b.fr', country: null }, [], null)).toMatchObject({ country: null });
  });

  it('sends only changed address fields on update, cleared ones as null', () => {
    const lead = { civility: 'ms', streetAddress: '1 rue A', postalCode: '42000', city: 'Saint-Étienne', region: 'Auvergne-Rhône-Alpes', country: 'FR' } as Partial<Lead>;
    const full = { id: 'x', email: 'a@b.fr', firstName: null, lastName: null, phone: null, company: null, jobTitle: null, source: null, lifecycleStage: 'lead', tags: [], customFields: {}, consent: { email: { status: 'unknown' }, sms: { status: 'unknown' }, whatsapp: { status: 'unknown' } }, ...lead } as unknown as Lead;
    const values = leadToForm(full, []);
    expect(formToLeadInput(values, [], full)).toEqual({});
    expect(formToLeadInput({ ...values, civility: '', streetAddress: '', country: 'BE' }, [], full)).toEqual({ civility: null, streetAddress: null, country: 'BE' });
  });
});
