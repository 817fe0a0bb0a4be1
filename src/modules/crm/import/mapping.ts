/** Standard lead columns an import column can be mapped to (names of the Prisma `Lead` fields). */
export const STANDARD_LEAD_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'company',
  'jobTitle',
  'source',
  'lifecycleStage',
  'tags',
  'language',
  'timezone',
  'emailConsent',
  'smsConsent',
  'whatsappConsent',
  'civility',
  'streetAddress',
  'postalCode',
  'city',
  'region',
  'country',
  'sourceCreatedAt',
] as const;
export type StandardLeadField = (typeof STANDARD_LEAD_FIELDS)[number];

/** A mapping target: a standard field, or a tenant custom field by its key. */
export type LeadField = StandardLeadField | { customField: string };

export interface ColumnMapping {
  column: number;
  header: string;
  field: LeadField | null;
  /** 0..1 — 1 exact synonym, ~0.6–0.9 partial (header contains a synonym), 0 unmapped. */
  confidence: number;
}

/** A row after mapping, before validation: raw cell strings keyed by target. */
export interface RawLead {
  fields: Partial<Record<StandardLeadField, string>>;
  customFields: Record<string, string>;
}

export interface CustomFieldDefinitionRef {
  key: string;
  label?: string;
}

/** Synonyms, written naturally; they are normalised (accents, case, punctuation, spaces) at load. */
const SYNONYMS: Record<StandardLeadField, string[]> = {
  email: [
    'email', 'e-mail', 'mail', 'courriel', 'adresse email', 'adresse e-mail', 'adresse mail', 'adresse courriel',
    'adresse electronique', 'email address', 'e-mail address', 'mail address', 'email professionnel', 'work email',
  ],
  firstName: ['prénom', 'first name', 'firstname', 'given name', 'forename', 'fname', 'prenom du contact'],
  lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name', 'lname'],
  phone: [
    'téléphone', 'tél', 'tel', 'portable', 'mobile', 'phone', 'phone number', 'telephone number', 'numéro de téléphone',
    'numéro de portable', 'téléphone portable', 'téléphone mobile', 'tél portable', 'tél mobile', 'gsm', 'cell',
    'cell phone', 'cellphone', 'mobile phone', 'mobile number', 'work phone', 'téléphone fixe', 'téléphone professionnel',
  ],
  company: [
    'société', 'entreprise', 'raison sociale', 'company', 'company name', 'organisation', 'organization', 'organisme',
    'nom de l entreprise', 'nom de la société', 'employeur', 'employer', 'account name', 'structure',
  ],
  jobTitle: ['poste', 'fonction', 'job title', 'title', 'titre', 'intitulé de poste', 'intitulé du poste', 'position', 'job', 'role', 'rôle', 'métier'],
  source: ['source', 'origine', 'lead source', 'source du lead', 'source du contact', 'provenance', 'canal d acquisition'],
  lifecycleStage: ['lifecycle stage', 'lifecycle', 'stage', 'cycle de vie', 'étape du cycle de vie', 'étape', 'stade', 'lead status', 'statut du lead'],
  tags: ['étiquettes', 'étiquette', 'tags', 'tag', 'labels', 'label', 'libellés', 'mots clés', 'keywords'],
  language: ['langue', 'language', 'lang', 'locale', 'langue préférée', 'preferred language'],
  timezone: ['fuseau horaire', 'timezone', 'time zone', 'tz'],
  emailConsent: [
    'consentement email', 'consentement e-mail', 'consentement mail', 'consentement courriel', 'opt-in', 'optin',
    'opt-in email', 'email opt-in', 'newsletter', 'abonné newsletter', 'inscrit newsletter', 'accepte newsletter',
    'email consent', 'email marketing consent', 'accepts marketing', 'marketing email',
  ],
  smsConsent: ['consentement sms', 'sms opt-in', 'opt-in sms', 'sms consent', 'sms optin', 'accepte sms', 'sms marketing'],
  whatsappConsent: ['consentement whatsapp', 'whatsapp opt-in', 'opt-in whatsapp', 'whatsapp consent', 'accepte whatsapp'],
  civility: ['civilité', 'civ', 'titre de civilité', 'salutation', 'm mme', 'monsieur madame'],
  streetAddress: [
    'adresse', 'adresse postale', 'adresse 1', 'adresse ligne 1', 'rue', 'numéro et rue', 'voie', 'address', 'street', 'street address',
    'address line 1', 'address 1', 'mailing address', 'postal address',
  ],
  postalCode: ['code postal', 'cp', 'c p', 'postal code', 'postcode', 'post code', 'zip', 'zip code', 'zipcode', 'code postal ville'],
  city: ['ville', 'commune', 'localité', 'city', 'town', 'ville de résidence'],
  region: ['région', 'region', 'province', 'state province'],
  country: ['pays', 'country', 'code pays', 'country code', 'pays de résidence'],
  sourceCreatedAt: [
    'date de création', 'date création', 'date de creation du contact', 'date de création du contact', 'date d ajout', 'ajouté le',
    'date d entrée', 'creation date', 'create date', 'date created', 'date added', 'created date',
    // Our own export's headers, so an export imports back.
    'créé dans la source le', 'created in source at',
  ],
};

/** Headers containing one of these words are only mapped on an exact synonym ("Date opt-in", "ID société"). */
const BLOCKING_WORDS = new Set(['date', 'id', 'code', 'nb', 'nombre', 'url', 'lien', 'link', 'ville', 'city']);

/** Headers that must stay unmapped although they contain a synonym (full names: the caller may split them). */
const IGNORED_HEADERS = new Set(
  ['nom complet', 'nom et prénom', 'nom prénom', 'prénom nom', 'prénom et nom', 'full name', 'name', 'nom du contact', 'contact', 'contact name']
    .map((h) => normaliseHeader(h).replace(/ /g, '')),
);

/** Lower-case, strip accents, every non-alphanumeric run → one space. "Adresse E-mail " → "adresse e mail". */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
const compact = (s: string) => s.replace(/ /g, '');

interface Syn {
  field: LeadField;
  tokens: string[];
  compact: string;
}
const STANDARD_SYNS: Syn[] = Object.entries(SYNONYMS).flatMap(([field, list]) =>
  list.map((s) => {
    const n = normaliseHeader(s);
    return { field: field as StandardLeadField, tokens: n.split(' '), compact: compact(n) };
  }),
);

/** Index of `needle` as a contiguous token run in `hay`, compared compacted ("e mail" ≈ "email"). */
function containsTokens(hay: string[], needle: string): boolean {
  // Try every contiguous run of header tokens; compare compacted.
  for (let i = 0; i < hay.length; i++) {
    let acc = '';
    for (let j = i; j < hay.length; j++) {
      acc += hay[j];
      if (acc === needle) return true;
      if (acc.length >= needle.length) break;
    }
  }
  return false;
}

function sameField(a: LeadField | null, b: LeadField | null): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.customField === b.customField;
}

/**
 * Suggest a target for every column. Exact (normalised) synonym → confidence 1 (0.95 for a
 * custom field's label/key); otherwise the longest synonym contained in the header as whole
 * words → 0.6–0.9 by how much of the header it covers. When several columns target the same
 * field, only the best (then leftmost) keeps it; the others get `field: null`.
 * `customFields` (the tenant's definitions) lets "Code postal" map to `{ customField: 'code_postal' }`.
 */
export function suggestMapping(headers: string[], customFields: CustomFieldDefinitionRef[] = []): ColumnMapping[] {
  const customSyns: Syn[] = customFields.flatMap((cf) =>
    [cf.key, cf.label]
      .filter((s): s is string => !!s && normaliseHeader(s).length > 0)
      .map((s) => {
        const n = normaliseHeader(s);
        return { field: { customField: cf.key }, tokens: n.split(' '), compact: compact(n) };
      }),
  );
  const out: ColumnMapping[] = headers.map((header, column) => {
    const n = normaliseHeader(header);
    if (!n) return { column, header, field: null, confidence: 0 };
    const c = compact(n);
    if (IGNORED_HEADERS.has(c) && !customSyns.some((s) => s.compact === c)) return { column, header, field: null, confidence: 0 };
    // Custom fields first: a tenant who defined "Source" as a custom field meant it.
    const exactCustom = customSyns.find((s) => s.compact === c);
    if (exactCustom) return { column, header, field: exactCustom.field, confidence: 0.95 };
    const exact = STANDARD_SYNS.find((s) => s.compact === c);
    if (exact) return { column, header, field: exact.field, confidence: 1 };
    const tokens = n.split(' ');
    if (tokens.some((t) => BLOCKING_WORDS.has(t))) return { column, header, field: null, confidence: 0 };
    let best: Syn | null = null;
    for (const s of [...customSyns, ...STANDARD_SYNS]) {
      if (s.compact.length < 3) continue; // "tz", "tel"-like fragments are exact-only
      if (containsTokens(tokens, s.compact) && (!best || s.compact.length > best.compact.length)) best = s;
    }
    if (!best) return { column, header, field: null, confidence: 0 };
    const coverage = best.compact.length / c.length;
    return { column, header, field: best.field, confidence: Math.round((0.6 + 0.3 * coverage) * 100) / 100 };
  });
  // Duplicate targets: keep the best header only.
  for (const m of out) {
    if (!m.field) continue;
    const winner = out
      .filter((o) => sameField(o.field, m.field))
      .reduce((a, b) => (b.confidence > a.confidence ? b : a));
    if (winner !== m) {
      m.field = null;
      m.confidence = 0;
    }
  }
  return out;
}

/**
 * Turn one parsed row into a RawLead following a (possibly manually edited) mapping.
 * Missing cells (short rows) read as ''. If several columns target the same field, `tags` are
 * joined with ',' and other fields keep the first non-empty value.
 */
export function applyMapping(row: string[], mapping: Pick<ColumnMapping, 'column' | 'field'>[]): RawLead {
  const raw: RawLead = { fields: {}, customFields: {} };
  for (const m of mapping) {
    if (!m.field) continue;
    const v = row[m.column] ?? '';
    if (typeof m.field === 'string') {
      const prev = raw.fields[m.field];
      if (prev === undefined || prev.trim() === '') raw.fields[m.field] = v;
      else if (m.field === 'tags' && v.trim() !== '') raw.fields.tags = `${prev},${v}`;
    } else {
      const prev = raw.customFields[m.field.customField];
      if (prev === undefined || prev.trim() === '') raw.customFields[m.field.customField] = v;
    }
  }
  return raw;
}
