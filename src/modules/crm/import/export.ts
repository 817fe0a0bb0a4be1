import { Stringifier, type Options as StringifyOptions } from 'csv-stringify';
import type { TransformCallback } from 'node:stream';

/**
 * OWASP CSV injection defence for cells opened in a spreadsheet.
 *
 * Rule: a cell whose first non-blank character is `=`, `+`, `-` or `@`, or that starts with a
 * tab or CR, is prefixed with `'` (Excel/LibreOffice then show it as text and hide the quote).
 * Exceptions, kept readable: a plain number — optional sign, digits, one optional `.`/`,`
 * decimal part (`-12`, `+33612345678`, `-3,5`) — and an international phone number as people
 * write it: `+`, then 8 to 15 digits grouped by spaces, dots, dashes or parentheses
 * (`+33 6 12 34 56 78`, `+1 (415) 555-2671`). Neither can call a function, reference a cell or
 * start DDE (`=cmd|…`, `@SUM(…)`, `-2+3+cmd|…` all need a letter, another operator or `|`, so
 * none matches an exception); a phone number with a quote in front is no longer dialable from
 * the sheet, and rejected-rows files are full of them. Leading blanks are looked through because
 * some spreadsheet apps trim before evaluating.
 */
const PHONE_LIKE = /^\+\d[\d ().-]*\d$/;

export function neutraliseFormula(cell: string): string {
  if (cell === '') return cell;
  const first = cell[0];
  if (first === '\t' || first === '\r') return `'${cell}`;
  const trimmed = cell.replace(/^[ \u00a0]+/, '');
  const c = trimmed[0];
  if (c !== '=' && c !== '+' && c !== '-' && c !== '@') return cell;
  if (/^[+-]\d+(?:[.,]\d+)?$/.test(trimmed) && trimmed === cell) return cell;
  if (c === '+' && trimmed === cell && PHONE_LIKE.test(cell)) {
    const digits = cell.replace(/\D/g, '').length;
    if (digits >= 8 && digits <= 15) return cell;
  }
  return `'${cell}`;
}

export interface ExportColumn {
  /** A `Lead` property, or `customFields.<key>`. */
  key: string;
  header: string;
}

export interface LeadsCsvOptions {
  /** `fr`: `;` delimiter, French headers, decimal comma. Default `en`: `,`. */
  locale?: 'fr' | 'en';
  delimiter?: ',' | ';';
  /** Tenant custom fields, each an extra column (header = label ?? key). */
  customFields?: { key: string; label?: string }[];
  /** Override the standard columns (defaults to STANDARD_EXPORT_COLUMNS[locale]). */
  columns?: ExportColumn[];
  /** Excel needs the BOM to read UTF-8; default true. */
  bom?: boolean;
}

const COLS: [string, string, string][] = [
  // key, English header, French header — headers chosen so suggestMapping maps them back.
  ['id', 'ID', 'ID'],
  ['email', 'Email', 'E-mail'],
  ['firstName', 'First name', 'Prénom'],
  ['lastName', 'Last name', 'Nom'],
  ['phone', 'Phone', 'Téléphone'],
  ['company', 'Company', 'Société'],
  ['jobTitle', 'Job title', 'Poste'],
  ['civility', 'Civility', 'Civilité'],
  ['streetAddress', 'Street address', 'Adresse'],
  ['postalCode', 'Postal code', 'Code postal'],
  ['city', 'City', 'Ville'],
  ['region', 'Region', 'Région'],
  ['country', 'Country', 'Pays'],
  ['sourceCreatedAt', 'Created in source at', 'Créé dans la source le'],
  ['source', 'Source', 'Source'],
  ['lifecycleStage', 'Lifecycle stage', 'Cycle de vie'],
  ['tags', 'Tags', 'Étiquettes'],
  ['language', 'Language', 'Langue'],
  ['timezone', 'Time zone', 'Fuseau horaire'],
  ['emailConsent', 'Email consent', 'Consentement email'],
  ['emailConsentAt', 'Email consent at', 'Consentement email le'],
  ['smsConsent', 'SMS consent', 'Consentement SMS'],
  ['smsConsentAt', 'SMS consent at', 'Consentement SMS le'],
  ['whatsappConsent', 'WhatsApp consent', 'Consentement WhatsApp'],
  ['whatsappConsentAt', 'WhatsApp consent at', 'Consentement WhatsApp le'],
  ['score', 'Score', 'Score'],
  ['createdAt', 'Created at', 'Créé le'],
  ['updatedAt', 'Updated at', 'Modifié le'],
];
export const STANDARD_EXPORT_COLUMNS: Record<'fr' | 'en', ExportColumn[]> = {
  en: COLS.map(([key, header]) => ({ key, header })),
  fr: COLS.map(([key, , header]) => ({ key, header })),
};

/** Civility as a person writes it (and as the importer reads it back). */
const CIVILITY_WORDS: Record<'fr' | 'en', Record<string, string>> = {
  fr: { mr: 'Monsieur', ms: 'Madame', other: 'Autre' },
  en: { mr: 'Mr', ms: 'Ms', other: 'Other' },
};

/** Render any value as one cell string (before neutralisation). */
function cellText(v: unknown, locale: 'fr' | 'en'): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v === 'number') return locale === 'fr' ? String(v).replace('.', ',') : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return locale === 'fr' ? (v ? 'oui' : 'non') : v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => cellText(x, locale)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

class LeadsCsvStringifier extends Stringifier {
  constructor(
    options: StringifyOptions,
    private readonly cols: ExportColumn[],
    private readonly locale: 'fr' | 'en',
  ) {
    super(options);
  }
  override _transform(lead: Record<string, unknown>, encoding: BufferEncoding, callback: TransformCallback): void {
    const cf = (lead.customFields ?? {}) as Record<string, unknown>;
    const value = (key: string) => (key.startsWith('customFields.') ? cf[key.slice(13)] : key === 'civility' && typeof lead.civility === 'string' ? CIVILITY_WORDS[this.locale][lead.civility] : lead[key]);
    const row = this.cols.map((c) => neutraliseFormula(cellText(value(c.key), this.locale)));
    super._transform(row, encoding, callback);
  }
}

/**
 * Object-mode writable (one lead per write: Prisma `Lead`-shaped, `customFields` object) →
 * CSV text: BOM, header row, CRLF (Excel), every cell through `neutraliseFormula`.
 * Backpressure is csv-stringify's own (one stream, no internal queue).
 */
export function leadsCsvStream(opts: LeadsCsvOptions = {}): Stringifier {
  const locale = opts.locale ?? 'en';
  const delimiter = opts.delimiter ?? (locale === 'fr' ? ';' : ',');
  const cols = [
    ...(opts.columns ?? STANDARD_EXPORT_COLUMNS[locale]),
    ...(opts.customFields ?? []).map((cf) => ({ key: `customFields.${cf.key}`, header: cf.label ?? cf.key })),
  ];
  return new LeadsCsvStringifier(
    {
      bom: opts.bom ?? true,
      header: true,
      columns: cols.map((c, i) => ({ key: String(i), header: neutraliseFormula(c.header) })),
      delimiter,
      record_delimiter: 'windows',
      quoted_match: /^[\s\u00a0]|[\s\u00a0]$/, // keep leading/trailing spaces visible to Excel
    },
    cols,
    locale,
  );
}
