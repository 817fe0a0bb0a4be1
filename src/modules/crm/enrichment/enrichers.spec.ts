import { companyFromDomain, localEnrichments, properCase } from './enrichers.js';

describe('local lead enrichment', () => {
  it('guesses a company from a business email domain, not from free mail', () => {
    expect(companyFromDomain('agence-horizon.fr')).toBe('Agence Horizon');
    expect(companyFromDomain('mail.acme.co.uk')).toBe('Acme');
    expect(companyFromDomain('edf.fr')).toBe('EDF');
    const business = localEnrichments({ email: 'claire@agence-horizon.fr', phone: null, firstName: null, lastName: null });
    expect(business).toEqual(
      expect.arrayContaining([
        { field: 'emailFreeMail', value: false, confidence: 1, source: 'rules' },
        { field: 'companyDomain', value: 'agence-horizon.fr', confidence: 0.9, source: 'rules' },
        { field: 'company', value: 'Agence Horizon', confidence: 0.5, source: 'rules' },
      ]),
    );
    const free = localEnrichments({ email: 'claire.martin@gmail.com', phone: null, firstName: null, lastName: null });
    expect(free.find((e) => e.field === 'emailFreeMail')?.value).toBe(true);
    expect(free.some((e) => e.field === 'company' || e.field === 'companyDomain')).toBe(false);
  });

  it('recognises role addresses', () => {
    expect(localEnrichments({ email: 'contact@exemple.fr', phone: null, firstName: null, lastName: null }).find((e) => e.field === 'emailRoleAddress')?.value).toBe(true);
    expect(localEnrichments({ email: 'claire@exemple.fr', phone: null, firstName: null, lastName: null }).find((e) => e.field === 'emailRoleAddress')?.value).toBe(false);
  });

  it('reads the phone\'s country and line type', () => {
    const mobile = localEnrichments({ email: null, phone: '+33612345678', firstName: null, lastName: null });
    expect(mobile).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'phoneCountry', value: 'FR' }), expect.objectContaining({ field: 'phoneType', value: 'mobile' })]));
    const fixed = localEnrichments({ email: null, phone: '+33142685300', firstName: null, lastName: null });
    expect(fixed.find((e) => e.field === 'phoneType')?.value).toBe('fixed_line');
  });

  it('suggests proper casing for names typed all in capitals or lower case only', () => {
    expect(properCase('JEAN-PIERRE DE LA FONTAINE')).toBe('Jean-Pierre de la Fontaine');
    const shouting = localEnrichments({ email: null, phone: null, firstName: 'JEAN', lastName: 'dupont' });
    expect(shouting.filter((e) => e.field === 'firstName' || e.field === 'lastName').map((e) => e.value)).toEqual(['Jean', 'Dupont']);
    expect(localEnrichments({ email: null, phone: null, firstName: 'Jean', lastName: 'McArthur' }).some((e) => e.field === 'firstName' || e.field === 'lastName')).toBe(false);
  });
});
