import { normalisePostalCode, parseCivility, parseCountry, parseCountryCode } from './lead-standard-fields.js';

describe('parseCivility', () => {
  it.each([
    ['Madame', 'ms'], ['MME', 'ms'], ['Mme.', 'ms'], ['mrs', 'ms'], ['Ms', 'ms'], ['Mlle', 'ms'], ['ms', 'ms'],
    ['Monsieur', 'mr'], ['M.', 'mr'], ['m', 'mr'], ['Mr', 'mr'], ['MR.', 'mr'], [' monsieur ', 'mr'],
    ['other', 'other'], ['Autre', 'other'],
  ])('%s → %s', (raw, expected) => expect(parseCivility(raw)).toBe(expected));

  it('refuses what is not a civility', () => {
    for (const raw of ['Dr', 'M. et Mme', '', 'madam e x']) expect(parseCivility(raw)).toBeNull();
  });
});

describe('parseCountryCode / parseCountry', () => {
  it('upper-cases codes and refuses unassigned ones', () => {
    expect(parseCountryCode('fr')).toBe('FR');
    expect(parseCountryCode(' be ')).toBe('BE');
    expect(parseCountryCode('XX')).toBeNull();
    expect(parseCountryCode('FRA')).toBeNull();
    expect(parseCountryCode('France')).toBeNull();
  });

  it('reads French and English names, accents and case aside', () => {
    expect(parseCountry('France')).toBe('FR');
    expect(parseCountry('belgique')).toBe('BE');
    expect(parseCountry('Royaume-Uni')).toBe('GB');
    expect(parseCountry('La Réunion')).toBe('RE');
    expect(parseCountry('Suisse')).toBe('CH');
    expect(parseCountry('Atlantis')).toBeNull();
  });
});

describe('normalisePostalCode', () => {
  it('checks French codes: 5 digits, spaces dropped, lost leading zero restored', () => {
    expect(normalisePostalCode(' 42000 ', 'FR')).toEqual({ ok: true, postalCode: '42000' });
    expect(normalisePostalCode('75 008', 'FR')).toEqual({ ok: true, postalCode: '75008' });
    expect(normalisePostalCode('1000', 'FR')).toEqual({ ok: true, postalCode: '01000' });
    expect(normalisePostalCode('4200A', 'FR').ok).toBe(false);
    expect(normalisePostalCode('420000', 'FR').ok).toBe(false);
  });

  it('checks overseas territories against their range', () => {
    expect(normalisePostalCode('97400', 'RE').ok).toBe(true);
    expect(normalisePostalCode('75008', 'RE').ok).toBe(false);
  });

  it('checks other known formats and only trims unknown ones', () => {
    expect(normalisePostalCode('1011ab', 'NL')).toEqual({ ok: true, postalCode: '1011AB' });
    expect(normalisePostalCode('sw1a 1aa', 'GB')).toEqual({ ok: true, postalCode: 'SW1A 1AA' });
    expect(normalisePostalCode('10115', 'BE').ok).toBe(false);
    expect(normalisePostalCode(' 01-234 ', 'PL')).toEqual({ ok: true, postalCode: '01-234' });
    expect(normalisePostalCode('AB 12', null)).toEqual({ ok: true, postalCode: 'AB 12' });
  });
});
