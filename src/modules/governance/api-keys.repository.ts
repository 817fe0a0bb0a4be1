import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiKeySelect;

@Injectable()
export class ApiKeysRepository {
  /** The one question asked before the tenant is known, through a narrow SECURITY DEFINER door. */
  async tenantOfKey(tx: Tx, keyHash: string): Promise<string | null> {
    const rows = await tx.$queryRaw<{ t: string | null }[]>`SELECT governance.tenant_of_api_key(${keyHash}) AS t`;
    return rows[0]?.t ?? null;
  }

  findByHash(tx: Tx, tenantId: string, keyHash: string) {
    return tx.apiKey.findFirst({ where: { tenantId, keyHash }, select: { ...PUBLIC_FIELDS, tenantId: true } });
  }

  create(tx: Tx, data: Prisma.ApiKeyUncheckedCreateInput) {
    return tx.apiKey.create({ data, select: PUBLIC_FIELDS });
  }

  list(tx: Tx, tenantId: string) {
    return tx.apiKey.findMany({ where: { tenantId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: PUBLIC_FIELDS });
  }

  /** The revoked key's name, or null when there was no live key to revoke. */
  async revoke(tx: Tx, tenantId: string, id: string): Promise<{ name: string } | null> {
    const [row] = await tx.apiKey.updateManyAndReturn({ where: { tenantId, id, revokedAt: null }, data: { revokedAt: new Date() }, select: { name: true } });
    return row ?? null;
  }

  touch(tx: Tx, tenantId: string, id: string) {
    return tx.apiKey.updateMany({ where: { tenantId, id }, data: { lastUsedAt: new Date() } });
  }
}
