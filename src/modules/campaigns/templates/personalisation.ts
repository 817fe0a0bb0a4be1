import Mustache from 'mustache';
import type { FieldError } from '../../../common/errors/domain-error.js';

/**
 * Personalisation: Mustache, logic-less. What a template may say:
 * - `{{lead.firstName}}` … the catalogue below, HTML-escaped in the HTML part;
 * - a fallback for an empty value with an inverted section:
 *   `{{lead.firstName}}{{^lead.firstName}}cher client{{/lead.firstName}}`;
 * - a block shown only when a value is present: `{{#lead.company}}chez {{lead.company}}{{/lead.company}}`.
 * Unknown variables, partials (`{{> x}}`) and unescaped output (`{{{x}}}`, `{{& x}}`) are refused
 * when the template is saved, so a typo is a 400 naming it, never a blank in 10,000 inboxes.
 */
export const LEAD_VARIABLES = [
  'firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'civility', 'salutation',
  'streetAddress', 'postalCode', 'city', 'region', 'country',
] as const;
export const OTHER_VARIABLES = ['workspace.name', 'unsubscribe_url', 'preferences_url'] as const;

export interface Catalogue {
  /** The workspace's custom field keys: `{{lead.custom.<key>}}`. */
  customKeys: readonly string[];
}

/** Every variable name a template may use (transactional `data.<key>` aside), for the editor's picker. */
export function variableNames(catalogue: Catalogue): string[] {
  return [...LEAD_VARIABLES.map((v) => `lead.${v}`), ...catalogue.customKeys.map((k) => `lead.custom.${k}`), ...OTHER_VARIABLES, 'data.<key>'];
}

function known(name: string, catalogue: Catalogue): boolean {
  if ((LEAD_VARIABLES as readonly string[]).includes(name.slice(5)) && name.startsWith('lead.')) return true;
  if (name.startsWith('lead.custom.')) return catalogue.customKeys.includes(name.slice('lead.custom.'.length));
  // Transactional sends pass their own values under data; an absent one renders empty (use a fallback).
  if (/^data\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) return true;
  return (OTHER_VARIABLES as readonly string[]).includes(name);
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

type Token = [string, string, number, number, Token[]?, number?];

/** The problems of one part of a template (subject, preheader, MJML, text): each names its line. */
export function checkPersonalisation(field: string, source: string, catalogue: Catalogue): FieldError[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(source) as Token[];
  } catch (err) {
    const message = (err as Error).message;
    const at = Number(/at (\d+)/.exec(message)?.[1]);
    return [{ field, code: 'syntax', message: `${Number.isFinite(at) ? `line ${lineOf(source, at)}: ` : ''}${message.replace(/ at \d+$/, '')}` }];
  }
  const errors: FieldError[] = [];
  const walk = (list: Token[], depth: number) => {
    for (const [type, value, start, , children] of list) {
      if (type === 'text' || type === '!') continue;
      const line = lineOf(source, start);
      if (type === '>') errors.push({ field, code: 'partial', message: `line ${line}: partials ({{> ${value}}}) are not supported` });
      else if (type === '&') errors.push({ field, code: 'unescaped', message: `line ${line}: unescaped output of "${value}" is not allowed (use {{${value}}})` });
      else if (type === '=') errors.push({ field, code: 'delimiters', message: `line ${line}: changing delimiters is not supported` });
      else if (value === '.' && depth > 0) continue;
      else if (!known(value, catalogue)) errors.push({ field, code: 'unknown_variable', message: `line ${line}: unknown variable "${value}"` });
      // Only sections have children (a partial's fifth element is its indentation).
      if ((type === '#' || type === '^') && Array.isArray(children)) walk(children, depth + 1);
    }
  };
  walk(tokens, 0);
  return errors;
}

/** A lead's fields as personalisation reads them. */
export interface PersonalisedLead {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  civility: 'mr' | 'ms' | 'other' | null;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  language: string | null;
  customFields: Record<string, unknown>;
}

const CIVILITY: Record<'fr' | 'en', Record<'mr' | 'ms', string>> = { fr: { mr: 'Monsieur', ms: 'Madame' }, en: { mr: 'Mr', ms: 'Ms' } };

/** French unless the lead's language is English. */
const languageOf = (lead: PersonalisedLead | null): 'fr' | 'en' => (lead?.language?.toLowerCase().startsWith('en') ? 'en' : 'fr');

function countryName(code: string | null, lang: 'fr' | 'en'): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Custom values as text: dates stay ISO, booleans and numbers as written. */
const customText = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));

export interface ViewContext {
  workspaceName: string;
  unsubscribeUrl: string;
  /** The preference page; for now the unsubscribe page, which will become it. */
  preferencesUrl: string;
  data?: Record<string, unknown>;
  /** The recipient when there is no lead (a transactional send to an address). */
  to?: string;
}

/** The values a template is rendered with. Empty values are null, so fallbacks (inverted sections) show. */
export function personalisationView(lead: PersonalisedLead | null, ctx: ViewContext) {
  const lang = languageOf(lead);
  const civility = lead?.civility === 'mr' || lead?.civility === 'ms' ? CIVILITY[lang][lead.civility] : null;
  const empty = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v);
  return {
    lead: {
      firstName: empty(lead?.firstName),
      lastName: empty(lead?.lastName),
      email: empty(lead?.email ?? ctx.to),
      phone: empty(lead?.phone),
      company: empty(lead?.company),
      jobTitle: empty(lead?.jobTitle),
      civility,
      // "Madame Lefèvre": only with both a civility and a last name, else empty (for its fallback).
      salutation: civility && empty(lead?.lastName) ? `${civility} ${lead!.lastName!.trim()}` : null,
      streetAddress: empty(lead?.streetAddress),
      postalCode: empty(lead?.postalCode),
      city: empty(lead?.city),
      region: empty(lead?.region),
      country: countryName(empty(lead?.country), lang),
      custom: Object.fromEntries(Object.entries(lead?.customFields ?? {}).map(([k, v]) => [k, customText(v)])),
    },
    workspace: { name: ctx.workspaceName },
    unsubscribe_url: ctx.unsubscribeUrl,
    preferences_url: ctx.preferencesUrl,
    data: ctx.data ?? {},
  };
}

/** Renders without HTML escaping: subjects, preheaders and plain-text parts are not HTML. */
export const renderPlain = (template: string, view: object) => Mustache.render(template, view, undefined, { escape: (s: string) => s });
/** Renders with HTML escaping (every {{value}}), for the HTML part. */
export const renderHtml = (template: string, view: object) => Mustache.render(template, view);
