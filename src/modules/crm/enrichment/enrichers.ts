import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import phoneMetadata from 'libphonenumber-js/metadata.max';

/** One enriched value: what it is about, the value, how sure, where it came from. */
export interface Enrichment {
  field: string;
  value: unknown;
  confidence: number;
  source: string;
}

/** Mailbox providers people use privately: their domain says nothing about an employer. */
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.fr', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr',
  'msn.com', 'icloud.com', 'me.com', 'aol.com', 'protonmail.com', 'proton.me', 'gmx.com', 'gmx.fr', 'orange.fr', 'wanadoo.fr', 'free.fr',
  'sfr.fr', 'neuf.fr', 'laposte.net', 'bbox.fr', 'numericable.fr', 'aliceadsl.fr', 'club-internet.fr', 'yandex.com', 'mail.com', 'zoho.com',
]);

/** Addresses that reach a function, not a person. */
const ROLE_LOCAL_PARTS = new Set([
  'contact', 'info', 'infos', 'hello', 'bonjour', 'sales', 'ventes', 'commercial', 'support', 'admin', 'office', 'accueil', 'service',
  'marketing', 'rh', 'hr', 'jobs', 'recrutement', 'compta', 'comptabilite', 'facturation', 'billing', 'noreply', 'no-reply', 'webmaster', 'team', 'equipe',
]);

const SECOND_LEVEL = new Set(['co.uk', 'com.au', 'co.jp', 'com.br', 'co.nz', 'co.za', 'com.mx', 'gouv.fr', 'asso.fr']);

/** "agence-horizon.fr" → "Agence Horizon": a guess, so a modest confidence. */
export function companyFromDomain(domain: string): string | null {
  const parts = domain.toLowerCase().split('.');
  const suffix = parts.slice(-2).join('.');
  const name = SECOND_LEVEL.has(suffix) ? parts.at(-3) : parts.at(-2);
  if (!name || name.length < 2) return null;
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => (w.length <= 3 && /^[a-z]+$/.test(w) && w !== 'les' && w !== 'des' ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

/** "JEAN-PIERRE de la FONTAINE" → "Jean-Pierre de la Fontaine". */
export function properCase(name: string): string {
  const small = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'di', 'da', "d'"]);
  return name
    .toLowerCase()
    .split(/(\s+|-|')/)
    .map((w, i) => (small.has(w) && i > 0 ? w : w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');
}

/** Everything that can be learnt from the lead's own data, without calling anyone. */
export function localEnrichments(lead: { email: string | null; phone: string | null; firstName: string | null; lastName: string | null }): Enrichment[] {
  const out: Enrichment[] = [];
  const add = (field: string, value: unknown, confidence: number) => out.push({ field, value, confidence, source: 'rules' });
  if (lead.email) {
    const [local, domain] = lead.email.split('@') as [string, string];
    const free = FREE_MAIL.has(domain);
    add('emailFreeMail', free, 1);
    add('emailRoleAddress', ROLE_LOCAL_PARTS.has(local.split('+')[0]!), 1);
    if (!free) {
      add('companyDomain', domain, 0.9);
      const company = companyFromDomain(domain);
      if (company) add('company', company, 0.5);
    }
  }
  if (lead.phone) {
    const phone = parsePhoneNumberFromString(lead.phone, phoneMetadata);
    if (phone) {
      if (phone.country) add('phoneCountry', phone.country, 1);
      const type = phone.getType();
      if (type) add('phoneType', type === 'FIXED_LINE_OR_MOBILE' ? 'fixed_or_mobile' : type.toLowerCase(), 0.9);
    }
  }
  for (const key of ['firstName', 'lastName'] as const) {
    const v = lead[key];
    if (v && (v === v.toUpperCase() || v === v.toLowerCase()) && /[a-zà-ÿ]/i.test(v)) {
      const cased = properCase(v);
      if (cased !== v) add(key, cased, 0.8);
    }
  }
  return out;
}
