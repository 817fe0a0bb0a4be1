import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CommonError } from '../../common/errors/domain-error.js';
import { parseCountryCode } from '../../common/geo/countries.js';
import { PrismaService, type Tx } from '../../infra/prisma/prisma.service.js';
import { settingsSection, type SettingsOf, TenantSettingsService } from '../tenancy/settings/tenant-settings.service.js';
import { AuditLogService } from '../governance/audit-log.service.js';
import type { UpdateWorkspaceSettingsDto } from './dto/workspace-settings.dto.js';

/**
 * Settings of the workspace as a whole. No default country unless someone chooses one: a
 * workspace abroad must not get French leads by surprise (the seeded demo agency has FR).
 */
export const WORKSPACE_SETTINGS = settingsSection(
  'workspace',
  z.object({
    defaultCountry: z
      .string()
      .refine((c) => parseCountryCode(c) === c, 'must be an ISO 3166-1 alpha-2 code such as FR')
      .nullable()
      .default(null),
  }),
);
export type WorkspaceSettings = SettingsOf<typeof WORKSPACE_SETTINGS>;

@Injectable()
export class WorkspaceSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditLogService,
  ) {}

  get(tenantId: string): Promise<WorkspaceSettings> {
    return this.settings.get(tenantId, WORKSPACE_SETTINGS);
  }

  /** Inside the caller's transaction, as lead writes read the default country. */
  getIn(tx: Tx, tenantId: string): Promise<WorkspaceSettings> {
    return this.settings.getIn(tx, tenantId, WORKSPACE_SETTINGS);
  }

  update(tenantId: string, dto: UpdateWorkspaceSettingsDto): Promise<WorkspaceSettings> {
    const patch: Partial<WorkspaceSettings> = {};
    if (dto.defaultCountry !== undefined) {
      patch.defaultCountry = dto.defaultCountry === null || dto.defaultCountry.trim() === '' ? null : parseCountryCode(dto.defaultCountry);
      if (patch.defaultCountry === null && dto.defaultCountry?.trim()) {
        throw new CommonError('VALIDATION_FAILED', 'Unknown country.', [{ field: 'defaultCountry', code: 'invalidCountry', message: 'defaultCountry must be an ISO 3166-1 alpha-2 code such as FR' }]);
      }
    }
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const before = await this.settings.getIn(tx, tenantId, WORKSPACE_SETTINGS);
      const after = await this.settings.updateIn(tx, tenantId, WORKSPACE_SETTINGS, patch);
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof WorkspaceSettings)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
      );
      if (Object.keys(changes).length) await this.audit.record(tx, tenantId, { action: 'workspace.settings_updated', entityType: 'tenant', entityId: tenantId, metadata: { changes } });
      return after;
    });
  }
}
