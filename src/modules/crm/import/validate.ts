import { domainToASCII } from 'node:url';
import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
// 'max' metadata: strict number validity (the 'min' set only checks lengths). Imported through
// /core + the metadata export so no JSON module import is involved (Jest ESM maps `.js` away).
import phoneMetadata from 'libphonenumber-js/metadata.max';
import { type Civility, normalisePostalCode, parseCivility, parseCountry } from '../lead-standard-fields.js';
import type { RawLead, StandardLeadField } from './mapping.js';

export type { CountryCode };
export type ConsentStatus = 'unknown' | 'granted' | 'denied';
export type LifecycleStage = 'subscriber' | 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer' | 'evangelist' | 'other';
export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select';
export type CustomFieldValue = string | number | boolean;

/**
 * A validated lead. Optional fields are omitted when the cell was empty or the column unmapped:
 * for an upsert, "absent" means "leave the stored value alone" (re-import changes nothing, and
 * an empty cell never erases what someone entered). Consent `unknown` means the same.
 */
export interface NormalisedLead {
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  jobTitle?: string;
  source?: string;
  lifecycleStage?: LifecycleStage;
  tags: string[];
  language?: string;
  timezone?: string;
  emailConsent: ConsentStatus;
  smsConsent: ConsentStatus;
  whatsappConsent: ConsentStatus;
  civility?: Civility;
  streetAddress?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** When the lead was created in its source system: `YYYY-MM-DD` or a full ISO date-time. */
  sourceCreatedAt?: string;
  /** Only non-empty cells; dates as `YYYY-MM-DD` (or full ISO for date-times). */
  customFields: Record<string, CustomFieldValue>;
}

export const VALIDATION_ERROR_CODES = [
  'missing_contact', // neither email nor phone
  'invalid_email',
  'email_too_long', // > 254 chars (or local part > 64)
  'invalid_phone',
  'too_long', // a text field over its limit (never truncated)
  'invalid_consent',
  'invalid_language',
  'invalid_timezone',
  'invalid_lifecycle_stage',
  'too_many_tags',
  'tag_too_long',
  'invalid_number',
  'invalid_date',
  'invalid_boolean',
  'invalid_option',
  'unknown_custom_field',
  'invalid_character', // NUL byte: PostgreSQL text cannot store it
  'invalid_encoding', // U+FFFD: bytes that were not valid in the detected encoding
  'too_many_cells', // ragged row, see checkRowShape
  'invalid_civility',
  'invalid_country',
  'invalid_postal_code',
] as const;
export type ValidationErrorCode = (typeof VALIDATION_ERROR_CODES)[number];
export interface ValidationError {
  field: string;
  code: ValidationErrorCode;
  message: string;
}
/**
 * `ok`: the lead is identifiable (a valid email or phone); the values that failed are left out of
 * `lead` and listed in `warnings`. Not ok: no valid email nor phone, the row cannot be imported.
 */
export type ValidationResult = { ok: true; lead: NormalisedLead; warnings: ValidationError[] } | { ok: false; errors: ValidationError[] };

export interface ValidateOptions {
  defaultCountry?: CountryCode;
  /** Tenant custom field definitions; when given, a mapped key not listed is `unknown_custom_field`. */
  customFieldTypes?: Record<string, CustomFieldType>;
  selectOptions?: Record<string, string[]>;
}

export const LIMITS = {
  email: 254,
  emailLocal: 64,
  name: 200,
  company: 200,
  jobTitle: 200,
  source: 100,
  timezone: 64,
  tags: 50,
  tag: 50,
  customText: 2000,
  streetAddress: 300,
  city: 200,
  region: 200,
} as const;

const TEXT_LIMITS: Partial<Record<StandardLeadField, number>> = {
  firstName: LIMITS.name,
  lastName: LIMITS.name,
  company: LIMITS.company,
  jobTitle: LIMITS.jobTitle,
  source: LIMITS.source,
  streetAddress: LIMITS.streetAddress,
  city: LIMITS.city,
  region: LIMITS.region,
};

/** trim + collapse any whitespace run (incl. NBSP, tabs, newlines) into one space. Case untouched. */
export function cleanText(s: string): string {
  // Most cells need nothing: skip the replace when there is no run, tab, newline or odd space.
  if (!/\s\s|[^\S ]|^ | $/.test(s)) return s;
  return s.replace(/[\s\u00a0\u202f\u2007]+/g, ' ').trim();
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();

// ---------------------------------------------------------------------------------------------
// Email: dot-atom local part (RFC 5322 without quoted strings/comments), LDH domain with ≥ 2
// labels and an alphabetic (or punycode) TLD. Unicode domains are converted to punycode so the
// per-tenant unique key is canonical; non-ASCII local parts (SMTPUTF8) are refused.
const ATEXT = "[a-z0-9!#$%&'*+/=?^_`{|}~-]";
const LOCAL_RE = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD_RE = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export function normaliseEmail(input: string): { ok: true; email: string } | { ok: false; code: 'invalid_email' | 'email_too_long' } {
  const s = input.trim().replace(/^mailto:/i, '').toLowerCase();
  if (s.length > LIMITS.email) return { ok: false, code: 'email_too_long' };
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return { ok: false, code: 'invalid_email' };
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (local.length > LIMITS.emailLocal) return { ok: false, code: 'email_too_long' };
  if (!LOCAL_RE.test(local)) return { ok: false, code: 'invalid_email' };
  if (/[^\x00-\x7f]/.test(domain)) {
    domain = domainToASCII(domain);
    if (!domain) return { ok: false, code: 'invalid_email' };
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL_RE.test(l)) || !TLD_RE.test(labels[labels.length - 1]))
    return { ok: false, code: 'invalid_email' };
  const email = `${local}@${domain}`;
  if (email.length > LIMITS.email) return { ok: false, code: 'email_too_long' };
  return { ok: true, email };
}

/**
 * Territories that share France's numbering plan: from mainland France their numbers are dialled
 * with a 0 like any French number (06 92 12 34 56 is a Réunion mobile), so French files write
 * them that way; internationally they have their own code (+262, +590, +594, +596). Mayotte and
 * Réunion share +262, Guadeloupe, Saint-Barthélemy and Saint-Martin +590.
 */
const FRENCH_PLAN_OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF'];
const FRENCH_PLAN = new Set<CountryCode>(['FR', ...FRENCH_PLAN_OVERSEAS]);

let FRENCH_NATIONAL: RegExp | undefined;
/** A valid French national number (without its 0), of any type: the patterns isValid() checks, from the same metadata. */
function frenchNationalNumber(): RegExp {
  if (!FRENCH_NATIONAL) {
    const metadata = new Metadata(phoneMetadata);
    metadata.selectNumberingPlan('FR');
    // The typings omit the plan's per-type accessors, which the library's own isValid() uses.
    const plan = metadata.numberingPlan as unknown as { type(t: string): { pattern(): string } | undefined };
    const types = ['FIXED_LINE', 'MOBILE', 'VOIP', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'PERSONAL_NUMBER', 'UAN', 'PAGER', 'VOICEMAIL'] as const;
    const patterns = types.map((t) => plan.type(t)?.pattern()).filter((p): p is string => Boolean(p));
    FRENCH_NATIONAL = new RegExp(`^(?:${patterns.join('|')})$`);
  }
  return FRENCH_NATIONAL;
}

/**
 * E.164 or null. National numbers use `defaultCountry`; "+33 (0)6…" and "0033 6…" work. A number
 * of the French plan that is not valid where it was assumed to be (06 92…, or +33 6 92… as some
 * tools export it) is tried in the overseas territories, by libphonenumber's ranges.
 */
export function normalisePhone(input: string, defaultCountry: CountryCode = 'FR'): string | null {
  const s = input.trim();
  // Most numbers in French files are "06 12 34 56 78": checked against France's own ranges
  // directly, 10x faster than a full parse (which costs ~30 µs, a third of a row's validation).
  if (defaultCountry === 'FR') {
    const digits = s.replace(/[ .\-\u00a0]/g, '');
    if (/^0[1-9]\d{8}$/.test(digits) && frenchNationalNumber().test(digits.slice(1))) return `+33${digits.slice(1)}`;
  }
  if (!/\d/.test(s) || /[a-z]{2,}/i.test(s.replace(/(ext\.?|x|poste)\s*\d+$/i, ''))) return null;
  const p = parsePhoneNumberFromString(s, { defaultCountry, extract: false }, phoneMetadata);
  if (p && p.isValid()) return p.number;
  if (!p || !FRENCH_PLAN.has(defaultCountry) || p.countryCallingCode !== '33') return null;
  const national = `0${p.nationalNumber}`;
  for (const territory of FRENCH_PLAN_OVERSEAS) {
    const q = parsePhoneNumberFromString(national, { defaultCountry: territory, extract: false }, phoneMetadata);
    if (q && q.isValid()) return q.number;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
const GRANTED = new Set(['oui', 'yes', 'true', '1', 'x', 'opt in', 'optin', 'o', 'y', 'vrai', 'granted', 'accepte', 'ok']);
const DENIED = new Set(['non', 'no', 'false', '0', 'opt out', 'optout', 'n', 'faux', 'denied', 'refuse']);

/** Consent/boolean words → status; `null` when the word is not recognised. */
export function parseConsent(input: string): ConsentStatus | null {
  const f = fold(input).replace(/-/g, ' ');
  if (f === '' || f === 'unknown' || f === 'inconnu') return 'unknown';
  if (GRANTED.has(f)) return 'granted';
  if (DENIED.has(f)) return 'denied';
  return null;
}

// ---------------------------------------------------------------------------------------------
const LANGUAGE_CODES =
  'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(
    ' ',
  );
const LANGUAGE_SET = new Set(LANGUAGE_CODES);
/** Names (EN, FR and native, folded) and ISO 639-2 codes → ISO 639-1, built from Intl + a few extras. */
const LANGUAGE_NAMES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const loc of ['en', 'fr']) {
    let dn: Intl.DisplayNames;
    try {
      dn = new Intl.DisplayNames([loc], { type: 'language', fallback: 'none' });
    } catch {
      continue;
    }
    for (const code of LANGUAGE_CODES) {
      const name = dn.of(code);
      if (name) m.set(fold(name), code);
      try {
        const native = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
        if (native) m.set(fold(native), code);
      } catch {
        /* locale without data */
      }
    }
  }
  const extra: Record<string, string> = {
    fra: 'fr', fre: 'fr', eng: 'en', spa: 'es', deu: 'de', ger: 'de', ita: 'it', por: 'pt', nld: 'nl', dut: 'nl',
    ara: 'ar', zho: 'zh', chi: 'zh', jpn: 'ja', rus: 'ru', pol: 'pl', anglais: 'en', francais: 'fr', allemand: 'de',
    espagnol: 'es', italien: 'it', portugais: 'pt', neerlandais: 'nl', arabe: 'ar', chinois: 'zh', japonais: 'ja',
  };
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
})();

/** "Français", "french", "fr-FR", "fr_CA", "FRA" → "fr"; null when not recognisable. */
export function normaliseLanguage(input: string): string | null {
  const f = fold(input);
  const tag = /^([a-z]{2,3})(?:[-_ ][a-z0-9]{2,8})*$/.exec(f);
  if (tag) {
    if (tag[1].length === 2 && LANGUAGE_SET.has(tag[1])) return tag[1];
    const three = LANGUAGE_NAMES.get(tag[1]);
    if (three) return three;
  }
  return LANGUAGE_NAMES.get(f) ?? LANGUAGE_NAMES.get(f.replace(/\s*\(.*\)$/, '')) ?? null;
}

let TIMEZONES: Set<string> | null = null;
function isTimeZone(tz: string): boolean {
  TIMEZONES ??= new Set(Intl.supportedValuesOf('timeZone').concat(['UTC', 'Etc/UTC']));
  if (TIMEZONES.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const LIFECYCLE: Record<string, LifecycleStage> = {
  subscriber: 'subscriber', abonne: 'subscriber', inscrit: 'subscriber',
  lead: 'lead', prospect: 'lead', contact: 'lead',
  mql: 'mql', 'marketing qualified lead': 'mql', 'lead qualifie marketing': 'mql',
  sql: 'sql', 'sales qualified lead': 'sql', 'lead qualifie commercial': 'sql', 'lead qualifie': 'sql',
  opportunity: 'opportunity', opportunite: 'opportunity',
  customer: 'customer', client: 'customer',
  evangelist: 'evangelist', ambassadeur: 'evangelist', evangeliste: 'evangelist',
  other: 'other', autre: 'other',
};

// ---------------------------------------------------------------------------------------------
/**
 * Numbers: French "12,5", "1 234,56" (space / NBSP / narrow NBSP / ' as thousands), English
 * "1,234.56". With both `,` and `.` the last one is the decimal mark; a lone `,` is decimal.
 */
export function parseNumber(input: string): number | null {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[+-]?[\d.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const thou = dec === ',' ? '.' : ',';
    if (s.indexOf(dec) !== s.lastIndexOf(dec)) return null;
    s = s.split(thou).join('');
    if (dec === ',') s = s.replace(',', '.');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return null; // "1,234,567" ambiguous → refuse
    s = s.replace(',', '.');
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Dates: `YYYY-MM-DD`, ISO date-time, `dd/mm/yyyy` (also `-` or `.`), optionally `hh:mm[:ss]` after it. Returns ISO or null. */
export function parseDate(input: string): string | null {
  const s = input.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, mo, y] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?$/.exec(s))) {
    // A French export's "03/12/2026 14:30": a wall-clock time without zone, read as UTC.
    if (!validYmd(+m[3], +m[2], +m[1]) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return null;
    return new Date(Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5], +(m[6] ?? 0))).toISOString();
  }
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) {
    const t = Date.parse(s.replace(' ', 'T'));
    const [yy, mm, dd] = s.slice(0, 10).split('-').map(Number);
    if (Number.isNaN(t) || !validYmd(yy, mm, dd)) return null;
    return new Date(t).toISOString();
  } else return null;
  if (!validYmd(y, mo, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Split tags on , ; | — trimmed, whitespace collapsed, de-duplicated case-insensitively (first spelling kept). */
export function splitTags(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of input.split(/[,;|]/)) {
    const t = cleanText(part);
    if (!t) continue;
    const k = t.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
const CONSENT_FIELDS = ['emailConsent', 'smsConsent', 'whatsappConsent'] as const;

/**
 * Validate and normalise one mapped row. Collects every error of the row (not just the first).
 * A value that fails is left out of the lead rather than dropping the row, as long as the lead
 * stays identifiable by email or phone (the import reports it as a warning on that cell).
 * Never truncates, never changes letter case of names, keeps formula-looking text as data.
 */
export function validateRow(raw: RawLead, opts: ValidateOptions = {}): ValidationResult {
  const errors: ValidationError[] = [];
  const err = (field: string, code: ValidationErrorCode, message: string) => errors.push({ field, code, message });
  const lead: NormalisedLead = {
    tags: [],
    emailConsent: 'unknown',
    smsConsent: 'unknown',
    whatsappConsent: 'unknown',
    customFields: {},
  };
  const f = raw.fields;

  // Cell-level checks first: a NUL or U+FFFD anywhere makes the value unusable as-is.
  // (Plain loops: this runs for every cell of files of millions of rows.)
  const badCells = new Set<string>();
  const checkCell = (name: string, v: string | undefined) => {
    if (!v) return;
    if (v.includes('\u0000')) {
      err(name, 'invalid_character', 'contains a NUL character');
      badCells.add(name);
    } else if (v.includes('\ufffd')) {
      err(name, 'invalid_encoding', 'contains bytes that are not valid in the file encoding');
      badCells.add(name);
    }
  };
  for (const k in f) checkCell(k, f[k as StandardLeadField]);
  for (const k in raw.customFields) checkCell(`customFields.${k}`, raw.customFields[k]);
  const get = (k: StandardLeadField): string => {
    const v = f[k];
    return !v || badCells.has(k) ? '' : unquoteFormula(v).trim();
  };

  const email = get('email');
  if (email) {
    const r = normaliseEmail(email);
    if (r.ok) lead.email = r.email;
    else err('email', r.code, r.code === 'email_too_long' ? `email longer than ${LIMITS.email} characters` : `"${clip(email)}" is not a valid email address`);
  }
  const phone = get('phone');
  if (phone) {
    const e164 = normalisePhone(phone, opts.defaultCountry ?? 'FR');
    if (e164) lead.phone = e164;
    else err('phone', 'invalid_phone', `"${clip(phone)}" is not a valid phone number`);
  }
  if (!email && !phone && !badCells.has('email') && !badCells.has('phone'))
    err('email', 'missing_contact', 'a lead needs an email address or a phone number');

  for (const k of ['firstName', 'lastName', 'company', 'jobTitle', 'source', 'streetAddress', 'city', 'region'] as const) {
    const v = cleanText(get(k));
    if (!v) continue;
    const max = TEXT_LIMITS[k]!;
    if (v.length > max) err(k, 'too_long', `${k} is ${v.length} characters, the limit is ${max}`);
    else lead[k] = v;
  }

  const civility = get('civility');
  if (civility) {
    const c = parseCivility(civility);
    if (c) lead.civility = c;
    else err('civility', 'invalid_civility', `"${clip(civility)}" is not a civility (Madame, Mme, Monsieur, M., Mr, Mrs…)`);
  }
  const country = get('country');
  if (country) {
    const c = parseCountry(country);
    if (c) lead.country = c;
    else err('country', 'invalid_country', `"${clip(country)}" is not a country (ISO code such as FR, or its name)`);
  }
  const postalCode = get('postalCode');
  if (postalCode) {
    // Checked against the row's country, else the workspace's, else France's format.
    const r = normalisePostalCode(postalCode, lead.country ?? opts.defaultCountry ?? 'FR');
    if (r.ok) lead.postalCode = r.postalCode;
    else err('postalCode', 'invalid_postal_code', `"${clip(postalCode)}": ${r.message}`);
  }
  const created = get('sourceCreatedAt');
  if (created) {
    const d = parseDate(created);
    if (d) lead.sourceCreatedAt = d;
    else err('sourceCreatedAt', 'invalid_date', `"${clip(created)}" is not a date (YYYY-MM-DD, DD/MM/YYYY, optionally with a time)`);
  }

  const stage = get('lifecycleStage');
  if (stage) {
    const s = LIFECYCLE[fold(stage).replace(/-/g, ' ')];
    if (s) lead.lifecycleStage = s;
    else err('lifecycleStage', 'invalid_lifecycle_stage', `"${clip(stage)}" is not a lifecycle stage`);
  }

  const tags = get('tags');
  if (tags) {
    const list = splitTags(tags);
    for (const long of list.filter((t) => t.length > LIMITS.tag)) err('tags', 'tag_too_long', `tag "${clip(long)}" is longer than ${LIMITS.tag} characters, it was left out`);
    const kept = list.filter((t) => t.length <= LIMITS.tag);
    if (kept.length > LIMITS.tags) err('tags', 'too_many_tags', `${kept.length} tags, the limit is ${LIMITS.tags}: the first ${LIMITS.tags} were kept`);
    lead.tags = kept.slice(0, LIMITS.tags);
  }

  const language = get('language');
  if (language) {
    const l = normaliseLanguage(language);
    if (l) lead.language = l;
    else err('language', 'invalid_language', `"${clip(language)}" is not a recognised language`);
  }
  const tz = get('timezone');
  if (tz) {
    if (tz.length <= LIMITS.timezone && isTimeZone(tz)) lead.timezone = tz;
    else err('timezone', 'invalid_timezone', `"${clip(tz)}" is not an IANA time zone`);
  }

  for (const k of CONSENT_FIELDS) {
    const v = get(k);
    if (!v) continue;
    const c = parseConsent(v);
    if (c) lead[k] = c;
    else err(k, 'invalid_consent', `"${clip(v)}" is not a consent value (oui/non, yes/no, true/false, 1/0, x, opt-in/opt-out)`);
  }

  for (const [key, rawValue] of Object.entries(raw.customFields)) {
    const name = `customFields.${key}`;
    if (badCells.has(name)) continue;
    const type = opts.customFieldTypes ? opts.customFieldTypes[key] : 'text';
    if (!type) {
      err(name, 'unknown_custom_field', `no custom field "${key}" is defined`);
      continue;
    }
    const v = cleanText(unquoteFormula(rawValue));
    if (!v) continue;
    switch (type) {
      case 'text':
        if (v.length > LIMITS.customText) err(name, 'too_long', `${key} is ${v.length} characters, the limit is ${LIMITS.customText}`);
        else lead.customFields[key] = v;
        break;
      case 'number': {
        const n = parseNumber(v);
        if (n === null) err(name, 'invalid_number', `"${clip(v)}" is not a number`);
        else lead.customFields[key] = n;
        break;
      }
      case 'date': {
        const d = parseDate(v);
        if (d === null) err(name, 'invalid_date', `"${clip(v)}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
        else lead.customFields[key] = d;
        break;
      }
      case 'boolean': {
        const c = parseConsent(v);
        if (c === null || c === 'unknown') err(name, 'invalid_boolean', `"${clip(v)}" is not a yes/no value`);
        else lead.customFields[key] = c === 'granted';
        break;
      }
      case 'select': {
        const options = opts.selectOptions?.[key] ?? [];
        const hit = options.find((o) => o === v) ?? options.find((o) => fold(o) === fold(v));
        if (hit === undefined) err(name, 'invalid_option', `"${clip(v)}" is not one of: ${options.slice(0, 20).join(', ')}`);
        else lead.customFields[key] = hit;
        break;
      }
    }
  }

  if (!lead.email && !lead.phone) return { ok: false, errors };
  return { ok: true, lead, warnings: errors };
}

/**
 * Undoes the quote a spreadsheet export puts before formula-looking text (our own export does,
 * see neutraliseFormula): re-importing an export gives back the stored value, not `'=…`.
 */
export function unquoteFormula(s: string): string {
  return s.charCodeAt(0) === 39 && /^'(?:[ \u00a0]*[=+\-@]|[\t\r])/.test(s) ? s.slice(1) : s;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
