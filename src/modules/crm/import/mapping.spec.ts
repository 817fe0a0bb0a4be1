import { applyMapping, suggestMapping, type LeadField } from './mapping.js';

const one = (h: string): LeadField | null => suggestMapping([h])[0].field;

describe('suggestMapping', () => {
  it.each<[string, LeadField | null]>([
    ['E-mail', 'email'],
    ['Adresse e-mail', 'email'],
    ['Courriel', 'email'],
    ['Mail', 'email'],
    ['EMAIL ', 'email'],
    ['Email Address', 'email'],
    ['Adresse e-mail professionnelle', 'email'],
    ['Prénom', 'firstName'],
    ['PRENOM', 'firstName'],
    ['First name', 'firstName'],
    ['Firstname', 'firstName'],
    ['first_name', 'firstName'],
    ['Given name', 'firstName'],
    ['Nom', 'lastName'],
    ['Nom de famille', 'lastName'],
    ['Last name', 'lastName'],
    ['Surname', 'lastName'],
    ['Téléphone', 'phone'],
    ['Tél.', 'phone'],
    ['Portable', 'phone'],
    ['Mobile', 'phone'],
    ['Phone', 'phone'],
    ['N° de téléphone', 'phone'],
    ['Société', 'company'],
    ['Entreprise', 'company'],
    ['Raison sociale', 'company'],
    ['Company', 'company'],
    ['Organisation', 'company'],
    ["Nom de l'entreprise", 'company'],
    ['Poste', 'jobTitle'],
    ['Fonction', 'jobTitle'],
    ['Job title', 'jobTitle'],
    ['Title', 'jobTitle'],
    ['Source', 'source'],
    ['Origine', 'source'],
    ['Étiquettes', 'tags'],
    ['Tags', 'tags'],
    ['Langue', 'language'],
    ['Language', 'language'],
    ['Consentement email', 'emailConsent'],
    ['Opt-in', 'emailConsent'],
    ['Newsletter', 'emailConsent'],
    ['Consentement SMS', 'smsConsent'],
    ['Consentement WhatsApp', 'whatsappConsent'],
    ['Fuseau horaire', 'timezone'],
    ['Cycle de vie', 'lifecycleStage'],
    ['Code postal', 'postalCode'],
    ['CP', 'postalCode'],
    ['Ville', 'city'],
    ['Adresse', 'streetAddress'],
    ['Région', 'region'],
    ['Pays', 'country'],
    ['Civilité', 'civility'],
    ['Date de création', 'sourceCreatedAt'],
    ["Date d'ajout", 'sourceCreatedAt'],
    ['Créé le', null], // our own export's arrival date, not the source's
    ['Créé dans la source le', 'sourceCreatedAt'], // our own export's source date
    ['Date opt-in', null],
    ['Nom complet', null],
    ['Nom et prénom', null],
    ['', null],
  ])('%j → %j', (header, field) => expect(one(header)).toEqual(field));

  it('reports confidence: exact 1, partial below, unmapped 0', () => {
    const m = suggestMapping(['Email', 'Adresse e-mail professionnelle', 'Numéro client']);
    expect(m[0]).toEqual({ column: 0, header: 'Email', field: 'email', confidence: 1 });
    expect(m[1].field).toBeNull(); // duplicate target, lost to the exact match
    expect(m[2]).toEqual({ column: 2, header: 'Numéro client', field: null, confidence: 0 });
    const p = suggestMapping(['Adresse e-mail professionnelle'])[0];
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.confidence).toBeLessThan(1);
  });

  it('keeps only the best header for a duplicated target (leftmost on a tie)', () => {
    const m = suggestMapping(['Téléphone', 'Mobile', 'Email 2', 'E-mail']);
    expect(m.map((x) => x.field)).toEqual(['phone', null, null, 'email']);
  });

  it('maps to tenant custom fields by key or label', () => {
    const m = suggestMapping(['Code postal', 'Ville', 'Budget (€)', 'E-mail'], [
      { key: 'code_postal', label: 'Code postal' },
      { key: 'city', label: 'Ville' },
      { key: 'budget', label: 'Budget' },
    ]);
    expect(m.map((x) => x.field)).toEqual([{ customField: 'code_postal' }, { customField: 'city' }, { customField: 'budget' }, 'email']);
  });

  it('a typical French CRM export', () => {
    const m = suggestMapping(['Civilité', 'Prénom', 'Nom', 'Adresse e-mail', 'Tél. portable', 'Société', 'Fonction', 'Code postal', 'Ville', 'Newsletter', 'Consentement SMS']);
    expect(m.map((x) => x.field)).toEqual(['civility', 'firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'postalCode', 'city', 'emailConsent', 'smsConsent']);
  });
});

describe('applyMapping', () => {
  it('applies a (manually overridden) mapping, missing cells read as empty', () => {
    const mapping = suggestMapping(['Email', 'Prénom', 'Ville', 'Tags', 'Tags 2']);
    mapping[2].field = { customField: 'city' }; // manual override
    mapping[4].field = 'tags';
    expect(applyMapping(['a@b.fr', 'Zoë', 'Lyon', 'vip', 'salon'], mapping)).toEqual({
      fields: { email: 'a@b.fr', firstName: 'Zoë', tags: 'vip,salon' },
      customFields: { city: 'Lyon' },
    });
    expect(applyMapping(['a@b.fr'], mapping)).toEqual({
      fields: { email: 'a@b.fr', firstName: '', tags: '' },
      customFields: { city: '' },
    });
  });
});
