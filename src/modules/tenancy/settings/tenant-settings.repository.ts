import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

/** tenancy.tenants.settings: one JSON object per tenant, one key per section. */
@Injectable()
export class TenantSettingsRepository {
  async section(tx: Tx, tenantId: string, section: string): Promise<unknown> {
    const rows = await tx.$queryRaw<{ value: unknown }[]>`SELECT settings -> ${section} AS value FROM tenancy.tenants WHERE id = ${tenantId}::uuid`;
    return rows[0]?.value ?? undefined;
  }

  /** Replaces one section without touching the others (concurrent writes of other sections keep theirs). */
  async writeSection(tx: Tx, tenantId: string, section: string, value: Prisma.InputJsonValue): Promise<boolean> {
    const n = await tx.$executeRaw`
      UPDATE tenancy.tenants SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), ARRAY[${section}]::text[], ${JSON.stringify(value)}::jsonb, true), updated_at = now()
       WHERE id = ${tenantId}::uuid`;
    return n === 1;
  }
}
