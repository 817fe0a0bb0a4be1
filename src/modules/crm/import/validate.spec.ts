import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import phoneMetadata from 'libphonenumber-js/metadata.max';
import type { RawLead } from './mapping.js';
import { normaliseLanguage, normalisePhone, parseConsent, parseDate, parseNumber, validateRow, type ValidateOptions, type ValidationResult } from './validate.js';

const raw = (fields: RawLead['fields'], customFields: Record<string, string> = {}): RawLead => ({ fields, customFields });
const codes = (r: ValidationResult) => (r.ok ? r.warnings : r.errors).map((e) => `${e.field}:${e.code}`);
const lead = (r: ValidationResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.lead;
};

describe('validateRow — good rows', () => {
  it('normalises a complete row', () => {
    const r = validateRow(
      raw({
        email: '  Jean.Dupont@Example.FR ',
        firstName: '  jean   claude ',
        lastName: 'DE\u00a0LA  Fontaine',
        phone: '06 12 34 56 78',
        company: ' ACME ',
        jobTitle: 'Directeur  commercial',
        source: 'Salon 2026',
        tags: 'vip; salon , VIP|prospect chaud,,',
        language: 'Français',
        timezone: 'Europe/Paris',
        lifecycleStage: 'Client',
        emailConsent: 'Oui',
        smsConsent: 'non',
        whatsappConsent: '',
      }),
    );
    expect(lead(r)).toEqual({
      email: 'jean.dupont@example.fr',
      firstName: 'jean claude', // case untouched
      lastName: 'DE LA Fontaine',
      phone: '+33612345678',
      company: 'ACME',
      jobTitle: 'Directeur commercial',
      source: 'Salon 2026',
      tags: ['vip', 'salon', 'prospect chaud'],
      language: 'fr',
      timezone: 'Europe/Paris',
      lifecycleStage: 'customer',
      emailConsent: 'granted',
      smsConsent: 'denied',
      whatsappConsent: 'unknown',
      customFields: {},
    });
  });
  it('email only / phone only are enough; empty fields are omitted', () => {
    expect(lead(validateRow(raw({ email: 'a@b.co', firstName: '' })))).toEqual({
      email: 'a@b.co', tags: [], emailConsent: 'unknown', smsConsent: 'unknown', whatsappConsent: 'unknown', customFields: {},
    });
    expect(lead(validateRow(raw({ phone: '+44 20 7946 0958' }))).phone).toBe('+442079460958');
  });
  it('keeps formula-looking cells as data (neutralised on export only)', () => {
    const l = lead(validateRow(raw({ email: 'x@y.fr', company: '=HYPERLINK("http://evil","x")', jobTitle: '@SUM(A1)', source: '-2+3' })));
    expect(l.company).toBe('=HYPERLINK("http://evil","x")');
    expect(l.jobTitle).toBe('@SUM(A1)');
    expect(l.source).toBe('-2+3');
  });
  it('unicode domain → punycode; plus addressing kept', () => {
    expect(validateRow(raw({ email: 'élodie@cafe.fr' })).ok).toBe(false); // non-ASCII local part
    expect(lead(validateRow(raw({ email: 'elodie+news@café.fr' }))).email).toBe('elodie+news@xn--caf-dma.fr');
  });
});

describe('validateRow — every error code', () => {
  const cases: [string, RawLead, ValidateOptions, string[]][] = [
    ['missing_contact', raw({ firstName: 'Jean' }), {}, ['email:missing_contact']],
    ['invalid_email', raw({ email: 'jean@' }), {}, ['email:invalid_email']],
    ['invalid_email (no tld)', raw({ email: 'jean@localhost' }), {}, ['email:invalid_email']],
    ['invalid_email (spaces)', raw({ email: 'jean dupont@x.fr' }), {}, ['email:invalid_email']],
    ['invalid_email (double dot)', raw({ email: 'jean..d@x.fr' }), {}, ['email:invalid_email']],
    ['email_too_long', raw({ email: `${'a'.repeat(60)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.fr` }), {}, ['email:email_too_long']],
    ['email_too_long (local > 64)', raw({ email: `${'a'.repeat(65)}@x.fr` }), {}, ['email:email_too_long']],
    ['invalid_phone', raw({ phone: '12345' }), {}, ['phone:invalid_phone']],
    ['too_long', raw({ email: 'a@b.fr', firstName: 'x'.repeat(201), source: 's'.repeat(101) }), {}, ['firstName:too_long', 'source:too_long']],
    ['invalid_consent', raw({ email: 'a@b.fr', emailConsent: 'peut-être' }), {}, ['emailConsent:invalid_consent']],
    ['invalid_language', raw({ email: 'a@b.fr', language: 'klingon' }), {}, ['language:invalid_language']],
    ['invalid_timezone', raw({ email: 'a@b.fr', timezone: 'Europe/Lille' }), {}, ['timezone:invalid_timezone']],
    ['invalid_lifecycle_stage', raw({ email: 'a@b.fr', lifecycleStage: 'chaud' }), {}, ['lifecycleStage:invalid_lifecycle_stage']],
    ['too_many_tags', raw({ email: 'a@b.fr', tags: Array.from({ length: 51 }, (_, i) => `t${i}`).join(',') }), {}, ['tags:too_many_tags']],
    ['tag_too_long', raw({ email: 'a@b.fr', tags: `ok,${'t'.repeat(51)}` }), {}, ['tags:tag_too_long']],
    ['invalid_number', raw({ email: 'a@b.fr' }, { budget: 'douze' }), { customFieldTypes: { budget: 'number' } }, ['customFields.budget:invalid_number']],
    ['invalid_date', raw({ email: 'a@b.fr' }, { born: '31/02/2020' }), { customFieldTypes: { born: 'date' } }, ['customFields.born:invalid_date']],
    ['invalid_boolean', raw({ email: 'a@b.fr' }, { owner: 'maybe' }), { customFieldTypes: { owner: 'boolean' } }, ['customFields.owner:invalid_boolean']],
    ['invalid_option', raw({ email: 'a@b.fr' }, { size: 'XXL' }), { customFieldTypes: { size: 'select' }, selectOptions: { size: ['S', 'M', 'L'] } }, ['customFields.size:invalid_option']],
    ['unknown_custom_field', raw({ email: 'a@b.fr' }, { nope: '1' }), { customFieldTypes: {} }, ['customFields.nope:unknown_custom_field']],
    ['invalid_character', raw({ email: 'a@b.fr', company: 'AC\u0000ME' }), {}, ['company:invalid_character']],
    ['invalid_encoding', raw({ email: 'a@b.fr', lastName: 'M\ufffdller' }), {}, ['lastName:invalid_encoding']],
  ];
  it.each(cases)('%s', (_name, r, opts, expected) => expect(codes(validateRow(r, opts))).toEqual(expected));

  it('collects all errors of a row, with messages', () => {
    const r = validateRow(raw({ email: 'bad', phone: 'abc', emailConsent: 'peut-être' }));
    expect(codes(r)).toEqual(['email:invalid_email', 'phone:invalid_phone', 'emailConsent:invalid_consent']);
    if (!r.ok) expect(r.errors[0].message).toContain('"bad"');
  });
  it('never truncates: a 200-char name passes, 201 fails', () => {
    expect(lead(validateRow(raw({ email: 'a@b.fr', lastName: 'x'.repeat(200) }))).lastName).toHaveLength(200);
    const long = validateRow(raw({ email: 'a@b.fr', lastName: 'x'.repeat(201) }));
    expect(codes(long)).toEqual(['lastName:too_long']);
    expect(lead(long).lastName).toBeUndefined();
  });
  it("reads back our export's formula quote and consent words", () => {
    const l = lead(validateRow(raw({ email: 'a@b.fr', company: `'=HYPERLINK("x")`, jobTitle: "'Directeur'", emailConsent: 'unknown', smsConsent: 'inconnu' })));
    expect(l).toMatchObject({ company: '=HYPERLINK("x")', jobTitle: "'Directeur'", emailConsent: 'unknown', smsConsent: 'unknown' });
  });
  it('reads civility, address, country and the source creation date', () => {
    const l = lead(validateRow(raw({ email: 'a@b.fr', civility: 'Mme', streetAddress: ' 12  rue de la Paix ', postalCode: '1000', city: 'Bruxelles', country: 'Belgique', sourceCreatedAt: '03/12/2019 14:30' })));
    expect(l).toMatchObject({ civility: 'ms', streetAddress: '12 rue de la Paix', postalCode: '1000', city: 'Bruxelles', country: 'BE', sourceCreatedAt: '2019-12-03T14:30:00.000Z' });
    expect(lead(validateRow(raw({ email: 'a@b.fr', civility: 'M.', postalCode: '6000' }))).postalCode).toBe('06000'); // Excel ate the zero
    const bad = validateRow(raw({ email: 'a@b.fr', civility: 'Docteur', postalCode: '750', country: 'Atlantide', sourceCreatedAt: '31/02/2020' }));
    expect(codes(bad)).toEqual(['civility:invalid_civility', 'country:invalid_country', 'postalCode:invalid_postal_code', 'sourceCreatedAt:invalid_date']);
  });
  it('leaves a bad value out and keeps the row while the lead is identifiable', () => {
    const r = validateRow(raw({ email: 'pas-un-email', phone: '06 12 34 56 78', firstName: 'Anne', emailConsent: 'peut-être', tags: `ok,${'t'.repeat(51)}` }));
    expect(r.ok).toBe(true);
    expect(codes(r)).toEqual(['email:invalid_email', 'tags:tag_too_long', 'emailConsent:invalid_consent']);
    expect(lead(r)).toMatchObject({ phone: '+33612345678', firstName: 'Anne', tags: ['ok'], emailConsent: 'unknown' });
    expect(lead(r).email).toBeUndefined();
  });
  it('rejects the row when neither the email nor the phone is usable', () => {
    const r = validateRow(raw({ email: 'pas-un-email', phone: '12', firstName: 'Anne' }));
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['email:invalid_email', 'phone:invalid_phone']);
  });
  it('keeps the first 50 tags of a longer list', () => {
    const r = validateRow(raw({ email: 'a@b.fr', tags: Array.from({ length: 52 }, (_, i) => `t${i}`).join(',') }));
    expect(lead(r).tags).toHaveLength(50);
    expect(codes(r)).toEqual(['tags:too_many_tags']);
  });
  it('50 tags of 50 chars pass', () => {
    const tags = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(50, 'x'));
    expect(lead(validateRow(raw({ email: 'a@b.fr', tags: tags.join('|') }))).tags).toEqual(tags);
  });
});

/** What a national number invalid in mainland France becomes: its overseas territory's, by the full parser. */
const FRENCH_PLAN_EXPECTED = (national: string): string | null => {
  for (const territory of ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF'] as const) {
    const p = parsePhoneNumberFromString(national, { defaultCountry: territory, extract: false }, phoneMetadata);
    if (p?.isValid()) return p.number;
  }
  return null;
};

describe('phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['612345678', '+33612345678'], // Excel ate the leading zero
    ['01 23 45 67 89', '+33123456789'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+32 470 12 34 56', '+32470123456'],
    ['+1 (415) 555-2671', '+14155552671'],
  ])('%s → %s', (input, e164) => expect(normalisePhone(input, 'FR')).toBe(e164));
  it.each(['06 12 34 56', '+33 6 12 34 56 78 90', '00 00 00 00 00', 'n/a', 'appeler le standard', '+999 123456'])('invalid: %s', (input) =>
    expect(normalisePhone(input, 'FR')).toBeNull(),
  );
  it.each([
    ['06 92 12 34 56', '+262692123456'], // La Réunion
    ['0693 12 34 56', '+262693123456'],
    ['06 39 01 23 45', '+262639012345'], // Mayotte
    ['06 90 00 12 34', '+590690001234'], // Guadeloupe
    ['06 91 22 34 56', '+590691223456'],
    ['06 96 20 12 34', '+596696201234'], // Martinique
    ['06 97 12 34 56', '+596697123456'],
    ['06 94 20 12 34', '+594694201234'], // Guyane
    ['+33 6 92 12 34 56', '+262692123456'], // a tool that put +33 in front of everything
    ['+262 692 12 34 56', '+262692123456'],
  ])('overseas mobile written the mainland way: %s → %s', (input, e164) => expect(normalisePhone(input, 'FR')).toBe(e164));
  it('reads French national numbers on its fast path exactly as the full parser does', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 20000; i++) {
      const national = `0${100000000 + (next() % 900000000)}`;
      const full = parsePhoneNumberFromString(national, { defaultCountry: 'FR', extract: false }, phoneMetadata);
      const expected = full?.isValid() ? full.number : FRENCH_PLAN_EXPECTED(national);
      expect(normalisePhone(national, 'FR')).toBe(expected);
    }
  });
  it('does not move an unallocated overseas-looking number anywhere', () => {
    expect(normalisePhone('06 39 12 34 56', 'FR')).toBeNull(); // 0639 12… is not a Mayotte range
    expect(normalisePhone('06 92 12 34 56', 'GB')).toBeNull();
  });
  it('uses defaultCountry for national numbers', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(lead(validateRow(raw({ phone: '0470 12 34 56' }), { defaultCountry: 'BE' })).phone).toBe('+32470123456');
  });
});

describe('consent words', () => {
  it.each(['oui', 'Oui', 'YES', 'true', '1', 'x', 'X', 'opt-in', 'Opt In', 'optin'])('%s → granted', (w) => expect(parseConsent(w)).toBe('granted'));
  it.each(['non', 'No', 'false', '0', 'opt-out', 'OPT OUT'])('%s → denied', (w) => expect(parseConsent(w)).toBe('denied'));
  it.each(['', '   '])('%j → unknown', (w) => expect(parseConsent(w)).toBe('unknown'));
  it.each(['peut-être', '2', 'oui!', 'si'])('%s → error', (w) => expect(parseConsent(w)).toBeNull());
});

describe('language', () => {
  it.each([
    ['Français', 'fr'], ['francais', 'fr'], ['French', 'fr'], ['fr', 'fr'], ['FR', 'fr'], ['fr-FR', 'fr'], ['fr_CA', 'fr'],
    ['fra', 'fr'], ['English', 'en'], ['anglais', 'en'], ['en-GB', 'en'], ['Deutsch', 'de'], ['Español', 'es'], ['Allemand', 'de'],
  ])('%s → %s', (input, code) => expect(normaliseLanguage(input)).toBe(code));
  it.each(['klingon', 'xx', 'zz-ZZ', '42'])('%s → null', (input) => expect(normaliseLanguage(input)).toBeNull());
});

describe('custom field coercions', () => {
  const opts: ValidateOptions = {
    customFieldTypes: { budget: 'number', born: 'date', vip: 'boolean', size: 'select', notes: 'text', empty: 'number' },
    selectOptions: { size: ['Petit', 'Moyen', 'Grand'] },
  };
  it('coerces each type', () => {
    const l = lead(validateRow(raw({ email: 'a@b.fr' }, { budget: '12,5', born: '07/03/1990', vip: 'oui', size: 'grand', notes: ' =1+1  x ', empty: '' }), opts));
    expect(l.customFields).toEqual({ budget: 12.5, born: '1990-03-07', vip: true, size: 'Grand', notes: '=1+1 x' });
  });
  it.each([
    ['12,5', 12.5], ['12.5', 12.5], ['-3', -3], ['1 234,56', 1234.56], ['1\u202f234,56', 1234.56], ['1.234,56', 1234.56], ['1,234.56', 1234.56], ['0', 0], ['+7', 7],
  ])('number %j → %j', (s, n) => expect(parseNumber(s)).toBe(n));
  it.each(['douze', '1,2,3', '1.2.3', '12,5 €', '', '-', '1e5'])('number %j → null', (s) => expect(parseNumber(s)).toBeNull());
  it.each([
    ['2024-02-29', '2024-02-29'], ['29/02/2024', '2024-02-29'], ['1/2/2024', '2024-02-01'], ['01.02.2024', '2024-02-01'], ['2024-03-05T10:00:00Z', '2024-03-05T10:00:00.000Z'],
    ['2024-03-05T12:00:00+02:00', '2024-03-05T10:00:00.000Z'],
  ])('date %j → %j', (s, d) => expect(parseDate(s)).toBe(d));
  it.each(['2023-02-29', '31/04/2024', '13/13/2024', '2024/01/01', '01/02/24', 'hier', '2024-13-01T00:00:00Z'])('date %j → null', (s) => expect(parseDate(s)).toBeNull());
  it('booleans accept consent words only', () => {
    expect(lead(validateRow(raw({ email: 'a@b.fr' }, { vip: 'non' }), opts)).customFields.vip).toBe(false);
    expect(codes(validateRow(raw({ email: 'a@b.fr' }, { vip: 'peut-être' }), opts))).toEqual(['customFields.vip:invalid_boolean']);
  });
  it('text custom fields have a length limit', () => {
    expect(codes(validateRow(raw({ email: 'a@b.fr' }, { notes: 'n'.repeat(2001) }), opts))).toEqual(['customFields.notes:too_long']);
  });
  it('without definitions, custom values are kept as text', () => {
    expect(lead(validateRow(raw({ email: 'a@b.fr' }, { city: ' Lyon ' }))).customFields).toEqual({ city: 'Lyon' });
  });
});
