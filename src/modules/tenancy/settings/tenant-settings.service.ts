import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CommonError, type FieldError } from '../../../common/errors/domain-error.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { TenantSettingsRepository } from './tenant-settings.repository.js';

/**
 * One typed section of a tenant's settings. The schema gives every field its default, so a
 * tenant that never saved the section, or saved it before a field existed, reads complete values.
 */
export interface SettingsSection<S extends z.ZodObject> {
  readonly name: string;
  readonly schema: S;
}

export function settingsSection<S extends z.ZodObject>(name: string, schema: S): SettingsSection<S> {
  if (!/^[a-z][a-z0-9_]{1,40}$/.test(name)) throw new RangeError(`"${name}" is not a valid settings section name`);
  return { name, schema };
}

export type SettingsOf<S extends SettingsSection<z.ZodObject>> = z.infer<S['schema']>;

const toFieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((i) => ({ field: i.path.join('.') || 'settings', code: i.code === 'invalid_type' ? 'type' : 'invalid', message: i.message }));

/**
 * Per-tenant settings, one typed section per concern (each module defines its own with
 * `settingsSection`), stored in tenancy.tenants.settings under the tenant's row-level security.
 * Reads never fail on old or hand-edited data: a stored value that no longer fits its schema
 * falls back to the defaults, field by field.
 */
@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: TenantSettingsRepository,
  ) {}

  get<S extends z.ZodObject>(tenantId: string, section: SettingsSection<S>): Promise<z.infer<S>> {
    return this.prisma.scoped({ tenantId }, (tx) => this.getIn(tx, tenantId, section));
  }

  /** Inside the caller's transaction (never open a second one while holding it). */
  async getIn<S extends z.ZodObject>(tx: Tx, tenantId: string, section: SettingsSection<S>): Promise<z.infer<S>> {
    return this.readable(section, await this.repo.section(tx, tenantId, section.name));
  }

  /** Merges `patch` over the current values, validates the result, and stores it. */
  update<S extends z.ZodObject>(tenantId: string, section: SettingsSection<S>, patch: Partial<z.input<S>>): Promise<z.infer<S>> {
    return this.prisma.scoped({ tenantId }, (tx) => this.updateIn(tx, tenantId, section, patch));
  }

  async updateIn<S extends z.ZodObject>(tx: Tx, tenantId: string, section: SettingsSection<S>, patch: Partial<z.input<S>>): Promise<z.infer<S>> {
    const current = await this.getIn(tx, tenantId, section);
    const parsed = section.schema.safeParse({ ...current, ...(patch as object) });
    if (!parsed.success) throw new CommonError('VALIDATION_FAILED', `These ${section.name} settings are not valid.`, toFieldErrors(parsed.error));
    if (!(await this.repo.writeSection(tx, tenantId, section.name, parsed.data as Prisma.InputJsonValue))) throw new CommonError('NOT_FOUND', 'This workspace no longer exists.');
    return parsed.data;
  }

  private readable<S extends z.ZodObject>(section: SettingsSection<S>, stored: unknown): z.infer<S> {
    const whole = section.schema.safeParse(stored ?? {});
    if (whole.success) return whole.data;
    // Keep what still fits, default the rest.
    const defaults = section.schema.parse({});
    const kept = Object.fromEntries(
      Object.entries(typeof stored === 'object' && stored ? stored : {}).filter(([key, value]) => {
        const field = section.schema.shape[key] as z.ZodType | undefined;
        return field?.safeParse(value).success;
      }),
    );
    return section.schema.parse({ ...defaults, ...kept });
  }
}
