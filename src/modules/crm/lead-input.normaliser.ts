import { Injectable } from '@nestjs/common';
import type { FieldError } from '../../common/errors/domain-error.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { MembersService } from '../auth/members.service.js';
import { WorkspaceSettingsService } from '../auth/workspace-settings.service.js';
import { CrmError } from './crm.errors.js';
import { type CustomFieldSchema, CustomFieldsService } from './custom-fields/custom-fields.service.js';
import { CONSENT_CHANNELS, type LeadInputDto } from './dto/lead.dto.js';
import { parseDate, parseNumber } from './import/validate.js';
import { completeLocation, frenchPostalCodes } from './lead-location.js';
import { normalisePostalCode, parseCivility, parseCountryCode } from './lead-standard-fields.js';
import { normaliseLeadEmail, normaliseLeadLanguage, normaliseLeadPhone, normaliseTags } from './lead-values.js';
import type { LeadRow } from './leads.repository.js';

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'jobTitle', 'source', 'streetAddress', 'city', 'region'] as const;
/** What the time zone, city and region are inferred from (and the fields they fill). */
const LOCATION_FIELDS = ['country', 'postalCode', 'city', 'region', 'timezone'] as const;

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Coerces one custom field value to its definition's type, with the import's parsing rules; undefined when it doesn't fit. */
export function coerceCustomValue(type: string, options: string[] | undefined, value: unknown): string | number | boolean | undefined {
  switch (type) {
    case 'text':
      return typeof value === 'string' && value.length <= 1000 ? value : undefined;
    case 'number':
      return typeof value === 'number' ? (Number.isFinite(value) ? value : undefined) : typeof value === 'string' ? (parseNumber(value) ?? undefined) : undefined;
    case 'date':
      return typeof value === 'string' ? (parseDate(value) ?? undefined) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'select':
      return typeof value === 'string' && options?.includes(value) ? value : undefined;
    default:
      return undefined;
  }
}

/**
 * Turns API input into stored values, with the same rules whoever writes a lead (API, web, import):
 * email normalised, phone in E.164, tags cleaned, custom fields checked against their definitions,
 * consent stamped with time and source. Every bad field is reported at once.
 */
@Injectable()
export class LeadInputNormaliser {
  constructor(
    private readonly customFields: CustomFieldsService,
    private readonly members: MembersService,
    private readonly workspace: WorkspaceSettingsService,
  ) {}

  async normalise(tx: Tx, tenantId: string, dto: LeadInputDto, mode: 'create' | 'update', current?: LeadRow): Promise<Prisma.LeadUncheckedUpdateInput> {
    const errors: FieldError[] = [];
    const bad = (field: string, code: string, message: string) => errors.push({ field, code, message });
    const data: Prisma.LeadUncheckedUpdateInput = {};

    if (dto.email !== undefined) {
      data.email = dto.email === null || dto.email === '' ? null : normaliseLeadEmail(dto.email);
      if (dto.email && !data.email) bad('email', 'isEmail', 'email must be an email address');
    }
    if (dto.phone !== undefined) {
      data.phone = dto.phone === null || dto.phone.trim() === '' ? null : normaliseLeadPhone(dto.phone);
      if (dto.phone?.trim() && !data.phone) bad('phone', 'isPhoneNumber', 'phone must be a valid phone number (national French numbers or +country code)');
    }
    for (const key of TEXT_FIELDS) {
      const v = dto[key];
      if (v !== undefined) data[key] = v === null || v === '' ? null : v.replace(/\s+/g, ' ');
    }
    if (dto.civility !== undefined) {
      data.civility = dto.civility === null || dto.civility.trim() === '' ? null : parseCivility(dto.civility);
      if (dto.civility?.trim() && !data.civility) bad('civility', 'invalidCivility', 'civility must be mr, ms or other (Madame, Mme, Monsieur, M., Mr, Mrs and Ms are understood)');
    }
    if (dto.country !== undefined) {
      data.country = dto.country === null || dto.country.trim() === '' ? null : parseCountryCode(dto.country);
      if (dto.country?.trim() && !data.country) bad('country', 'invalidCountry', 'country must be an ISO 3166-1 alpha-2 code such as FR, BE or CH');
    } else if (mode === 'create') {
      const { defaultCountry } = await this.workspace.getIn(tx, tenantId);
      if (defaultCountry) data.country = defaultCountry;
    }
    // The postal code is checked against the country the lead will have (the one given now, else
    // the one it has), and again when only the country changes: BE with 42000 is no address.
    const postalCode = dto.postalCode !== undefined ? dto.postalCode : dto.country !== undefined ? current?.postalCode : undefined;
    if (postalCode !== undefined) {
      if (postalCode === null || postalCode.trim() === '') data.postalCode = null;
      else {
        const country = typeof data.country === 'string' ? data.country : data.country === undefined ? current?.country : null;
        const postal = normalisePostalCode(postalCode, country);
        if (postal.ok) data.postalCode = postal.postalCode;
        else bad('postalCode', 'invalidPostalCode', postal.message);
      }
    }
    if (dto.sourceCreatedAt !== undefined) {
      data.sourceCreatedAt = dto.sourceCreatedAt;
      if (dto.sourceCreatedAt && dto.sourceCreatedAt.getTime() > Date.now()) bad('sourceCreatedAt', 'inFuture', 'sourceCreatedAt must not be in the future');
    }
    if (dto.lifecycleStage) data.lifecycleStage = dto.lifecycleStage;
    if (dto.ownerId !== undefined) {
      data.ownerId = dto.ownerId;
      if (dto.ownerId && !(await this.isMember(tx, tenantId, dto.ownerId))) bad('ownerId', 'notAMember', 'the owner must be a member of this workspace');
    }
    if (dto.tags !== undefined) {
      const tags = normaliseTags(dto.tags);
      if (tags) data.tags = tags;
      else bad('tags', 'invalid', 'at most 50 tags of at most 50 characters');
    }
    if (dto.language !== undefined) {
      data.language = dto.language ? normaliseLeadLanguage(dto.language) : null;
      if (dto.language && !data.language) bad('language', 'invalid', 'language must be a language code or name, such as fr, en-GB or Français');
    }
    if (dto.timezone !== undefined) {
      data.timezone = dto.timezone || null;
      if (dto.timezone && !validTimezone(dto.timezone)) bad('timezone', 'invalid', 'timezone must be an IANA name such as Europe/Paris');
    }
    if (dto.customFields !== undefined) {
      const schema = await this.customFields.schema(tx, tenantId);
      data.customFields = this.customValues(dto.customFields, schema, (current?.customFields ?? {}) as Record<string, unknown>, bad);
    }
    for (const channel of CONSENT_CHANNELS) {
      const c = dto.consent?.[channel];
      if (c && (mode === 'create' || current?.[`${channel}Consent`] !== c.status)) {
        Object.assign(data, { [`${channel}Consent`]: c.status, [`${channel}ConsentAt`]: new Date(), [`${channel}ConsentSource`]: c.source ?? 'api' });
      }
    }
    if (errors.length) throw new CrmError('LEAD_INVALID', `${errors.length} field(s) are invalid.`, errors);
    if (mode === 'create' || LOCATION_FIELDS.some((k) => dto[k] !== undefined)) await this.completeLocation(dto, data, current);
    return data;
  }

  /**
   * Fills time zone, city and region from country and postal code (see lead-location.ts) on the
   * lead as it will be after this write. A field the caller cleared on purpose stays empty.
   */
  private async completeLocation(dto: LeadInputDto, data: Prisma.LeadUncheckedUpdateInput, current?: LeadRow) {
    const after = <K extends (typeof LOCATION_FIELDS)[number]>(key: K): string | null => {
      const v = data[key];
      return typeof v === 'string' ? v : v === null ? null : ((current?.[key] as string | null | undefined) ?? null);
    };
    const lead = { country: after('country'), postalCode: after('postalCode'), city: after('city'), region: after('region'), timezone: after('timezone') };
    const needsPostal = !!lead.postalCode && (!lead.city || !lead.region);
    const fill = completeLocation(lead, needsPostal ? await frenchPostalCodes() : new Map());
    for (const [key, value] of Object.entries(fill) as [keyof typeof fill, string][]) if (dto[key] !== null && dto[key] !== '') data[key] = value;
  }

  tags(raw: string[], field: string): string[] {
    const tags = normaliseTags(raw);
    if (!tags) throw new CrmError('LEAD_INVALID', 'Invalid tags.', [{ field, code: 'invalid', message: 'at most 50 tags of at most 50 characters' }]);
    return tags;
  }

  async assertOwner(tx: Tx, tenantId: string, userId: string): Promise<void> {
    if (!(await this.isMember(tx, tenantId, userId))) {
      throw new CrmError('LEAD_INVALID', 'The owner must be a member of this workspace.', [{ field: 'ownerId', code: 'notAMember', message: 'not a member of this workspace' }]);
    }
  }

  private isMember(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
    return this.members.isMember(tx, tenantId, userId);
  }

  private customValues(input: Record<string, unknown>, schema: CustomFieldSchema, current: Record<string, unknown>, bad: (f: string, c: string, m: string) => void) {
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(input)) {
      const type = schema.types[key];
      if (!type) {
        bad(`customFields.${key}`, 'unknownField', 'no custom field has this key');
        continue;
      }
      if (value === null) {
        delete next[key];
        continue;
      }
      const coerced = coerceCustomValue(type, schema.options[key], value);
      if (coerced === undefined) bad(`customFields.${key}`, 'invalidValue', `must be a valid ${type}${type === 'select' ? ` (one of: ${schema.options[key]?.join(', ')})` : ''}`);
      else next[key] = coerced;
    }
    return next as Prisma.InputJsonObject;
  }
}
