import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { ConsentChannel, ConsentStatus, CustomField, Lead, LeadInput, LifecycleStage } from '@/lib/api/types';
import { CONSENT_CHANNELS, CUSTOM_FIELD_TYPES, LIFECYCLE_STAGES } from '@/lib/api/types';
import { parseTags } from './lead-query';

// The API's own rules (src/modules/crm: lead-values.ts, lead-input.normaliser.ts, dto/lead.dto.ts,
// custom-fields/custom-field.dto.ts). Messages are i18n keys under `validation`.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export function isLeadEmail(raw: string): boolean {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email);
}

/** National French numbers or +country code, as the API reads them. */
export function isLeadPhone(raw: string): boolean {
  return Boolean(parsePhoneNumberFromString(raw.trim(), 'FR')?.isValid());
}

/** E.164 as people read it: national format for French numbers, international otherwise. */
export function formatPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === 'FR' ? phone.formatNational() : phone.formatInternational();
}

/** A custom field value typed in the form ('' = empty) fits its definition. */
export function isCustomValueValid(field: Pick<CustomField, 'type' | 'options'>, value: string | boolean | undefined): boolean {
  if (value === undefined || value === '' || field.type === 'boolean') return true;
  if (typeof value !== 'string') return false;
  switch (field.type) {
    case 'text':
      return value.length <= 1000;
    case 'number':
      return Number.isFinite(Number(value.trim().replace(',', '.')));
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(value).getTime());
    case 'select':
      return field.options.includes(value);
  }
  return false;
}

const text = (max: number) => z.string().max(max, 'validation.tooLong');

/** French postal codes (and those of the overseas departments): 5 digits; 4 when a spreadsheet dropped the leading 0, which the API restores. */
export function isPostalCodeValid(code: string, country: string | null): boolean {
  const c = code.trim();
  if (!c) return true;
  if (c.length > 20) return false;
  return country === 'FR' ? /^\d{4,5}$/.test(c.replace(/\s/g, '')) : true;
}

export type CivilityValue = '' | NonNullable<Lead['civility']>;

export interface LeadFormValues {
  civility: CivilityValue;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  company: string;
  jobTitle: string;
  source: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  region: string;
  country: string | null;
  lifecycleStage: LifecycleStage;
  tags: string;
  consent: Record<ConsentChannel, boolean>;
  customFields: Record<string, string | boolean>;
}

/** The new-lead / edit-lead form, with the API's validation, for the workspace's custom fields. */
export function leadFormSchema(fields: Pick<CustomField, 'key' | 'type' | 'options'>[]) {
  return z
    .object({
      civility: z.enum(['', 'mr', 'ms', 'other']),
      firstName: text(200),
      lastName: text(200),
      email: text(254),
      phone: text(40),
      company: text(200),
      jobTitle: text(200),
      source: text(100),
      streetAddress: text(300),
      postalCode: text(20),
      city: text(200),
      region: text(200),
      country: z.string().length(2).nullable(),
      lifecycleStage: z.enum(LIFECYCLE_STAGES),
      tags: z.string(),
      consent: z.object({ email: z.boolean(), sms: z.boolean(), whatsapp: z.boolean() }),
      customFields: z.record(z.string(), z.union([z.string(), z.boolean()])),
    })
    .superRefine((v, ctx) => {
      const email = v.email.trim();
      const phone = v.phone.trim();
      if (!email && !phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.emailOrPhone' });
      if (email && !isLeadEmail(email)) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.email' });
      if (phone && !isLeadPhone(phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'validation.phone' });
      if (!isPostalCodeValid(v.postalCode, v.country)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'validation.postalCode' });
      const tags = parseTags(v.tags);
      if (tags.length > 50 || tags.some((t) => t.length > 50)) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'validation.tags' });
      for (const f of fields) {
        if (!isCustomValueValid(f, v.customFields[f.key])) ctx.addIssue({ code: 'custom', path: ['customFields', f.key], message: `validation.custom_${f.type}` });
      }
    });
}

/** Form values of an existing lead (or blank ones for a new lead, in the workspace's default country). */
export function leadToForm(lead: Lead | null, fields: Pick<CustomField, 'key' | 'type'>[], defaultCountry: string | null = null): LeadFormValues {
  const custom: Record<string, string | boolean> = {};
  for (const f of fields) {
    const v = lead?.customFields[f.key];
    custom[f.key] = f.type === 'boolean' ? v === true : v === undefined || v === null ? '' : f.type === 'date' && typeof v === 'string' ? v.slice(0, 10) : String(v);
  }
  return {
    civility: lead?.civility ?? '',
    firstName: lead?.firstName ?? '',
    lastName: lead?.lastName ?? '',
    email: lead?.email ?? '',
    phone: lead?.phone ? formatPhone(lead.phone) : '',
    company: lead?.company ?? '',
    jobTitle: lead?.jobTitle ?? '',
    source: lead?.source ?? '',
    streetAddress: lead?.streetAddress ?? '',
    postalCode: lead?.postalCode ?? '',
    city: lead?.city ?? '',
    region: lead?.region ?? '',
    country: lead ? lead.country : defaultCountry,
    lifecycleStage: lead?.lifecycleStage ?? 'lead',
    tags: lead?.tags.join(', ') ?? '',
    consent: {
      email: lead?.consent.email.status === 'granted',
      sms: lead?.consent.sms.status === 'granted',
      whatsapp: lead?.consent.whatsapp.status === 'granted',
    },
    customFields: custom,
  };
}

export const CONSENT_SOURCE = 'web-app';

/**
 * Form values → API body. On create, empty fields are left out and ticked consents are granted.
 * On update, only what changed is sent: an emptied field becomes null (the API clears it), an
 * unticked consent that was granted becomes denied (withdrawn).
 */
export function formToLeadInput(values: LeadFormValues, fields: Pick<CustomField, 'key' | 'type'>[], current: Lead | null): LeadInput {
  const body: LeadInput = {};
  const before = current ? leadToForm(current, fields) : null;
  for (const key of ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'source', 'streetAddress', 'postalCode', 'city', 'region'] as const) {
    const v = values[key].trim();
    if (!before) {
      if (v) body[key] = v;
    } else if (v !== before[key]) body[key] = v || null;
  }
  if (before ? values.civility !== before.civility : values.civility) body.civility = values.civility || null;
  // A new lead's country is always sent: null means "none", where leaving it out would give the workspace's default.
  if (!before || values.country !== before.country) body.country = values.country;
  if (!before || values.lifecycleStage !== before.lifecycleStage) body.lifecycleStage = values.lifecycleStage;
  const tags = parseTags(values.tags);
  if (before ? tags.join('\u0000') !== parseTags(before.tags).join('\u0000') : tags.length) body.tags = tags;
  const consent: NonNullable<LeadInput['consent']> = {};
  for (const channel of CONSENT_CHANNELS) {
    const ticked = values.consent[channel];
    let status: ConsentStatus | null = null;
    if (!current) status = ticked ? 'granted' : null;
    else if (ticked && current.consent[channel].status !== 'granted') status = 'granted';
    else if (!ticked && current.consent[channel].status === 'granted') status = 'denied';
    if (status) consent[channel] = { status, source: CONSENT_SOURCE };
  }
  if (Object.keys(consent).length) body.consent = consent;
  const custom: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values.customFields[f.key];
    const old = before?.customFields[f.key];
    if (before && v === old) continue;
    if (f.type === 'boolean') {
      if (before || v === true) custom[f.key] = v === true;
    } else {
      const s = typeof v === 'string' ? v.trim() : '';
      if (!s) {
        if (before) custom[f.key] = null;
      } else custom[f.key] = f.type === 'number' ? Number(s.replace(',', '.')) : s;
    }
  }
  if (Object.keys(custom).length) body.customFields = custom;
  return body;
}

export interface CustomFieldFormValues {
  label: string;
  key: string;
  type: (typeof CUSTOM_FIELD_TYPES)[number];
  options: { value: string }[];
}

export const customFieldSchema = z
  .object({
    label: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    key: z.string().regex(KEY_PATTERN, 'validation.fieldKey'),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.object({ value: z.string().max(100, 'validation.tooLong') })).max(100, 'validation.tooMany'),
  })
  .superRefine((v, ctx) => {
    if (v.type !== 'select') return;
    const filled = v.options.map((o) => o.value.trim()).filter(Boolean);
    if (!filled.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'validation.optionsRequired' });
    const seen = new Set<string>();
    v.options.forEach((o, i) => {
      const value = o.value.trim();
      if (value && seen.has(value)) ctx.addIssue({ code: 'custom', path: ['options', i, 'value'], message: 'validation.optionDuplicate' });
      seen.add(value);
    });
  });

/** The options a select field keeps: trimmed, non-empty, in order. */
export function cleanOptions(options: { value: string }[]): string[] {
  return [...new Set(options.map((o) => o.value.trim()).filter(Boolean))];
}

export const noteSchema = z.object({ body: z.string().trim().min(1, 'validation.required').max(5000, 'validation.tooLong') });
