import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor.js';
import { API_SCOPES, SCOPE_NAMES } from '../../common/auth/scopes.js';
import { CommonError, notFound } from '../../common/errors/domain-error.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { AuditLogService } from './audit-log.service.js';
import type { CreateApiKeyDto } from './dto/api-key.dto.js';

export const API_KEY_PREFIX = 'lyn_';
/** lastUsedAt is a hint, not a log: write it at most once a minute per key. */
const TOUCH_EVERY_MS = 60_000;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: ApiKeysRepository,
    private readonly audit: AuditLogService,
  ) {}

  scopes() {
    return { items: SCOPE_NAMES.map((scope) => ({ scope, description: API_SCOPES[scope] })) };
  }

  async create(tenantId: string, actor: Actor, dto: CreateApiKeyDto) {
    if (dto.expiresAt && dto.expiresAt.getTime() <= Date.now()) {
      throw new CommonError('VALIDATION_FAILED', 'expiresAt must be in the future.', [
        { field: 'expiresAt', code: 'future', message: 'must be in the future' },
      ]);
    }
    // 30 random bytes: unguessable, so a fast hash is enough to store it.
    const secret = randomBytes(30).toString('base64url');
    const key = `${API_KEY_PREFIX}${secret}`;
    const created = await this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.repo.create(tx, {
        tenantId,
        name: dto.name,
        prefix: key.slice(0, API_KEY_PREFIX.length + 8),
        keyHash: hashKey(key),
        scopes: [...new Set(dto.scopes)],
        createdById: actor.type === 'user' ? actor.id : null,
        expiresAt: dto.expiresAt ?? null,
      });
      await this.audit.record(tx, tenantId, { action: 'api_key.created', entityType: 'api_key', entityId: row.id, metadata: { name: row.name, scopes: row.scopes } });
      return row;
    });
    return { ...created, key };
  }

  async list(tenantId: string) {
    return { items: await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId)) };
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const revoked = await this.repo.revoke(tx, tenantId, id);
      if (!revoked) throw notFound('API key');
      await this.audit.record(tx, tenantId, { action: 'api_key.revoked', entityType: 'api_key', entityId: id, metadata: { name: revoked.name } });
    });
  }

  /**
   * Resolves a presented key to its actor, or null. Read from PostgreSQL on every request, so
   * a revocation is effective at once on every replica.
   */
  async authenticate(rawKey: string): Promise<Actor | null> {
    if (!rawKey.startsWith(API_KEY_PREFIX) || rawKey.length > 100) return null;
    const keyHash = hashKey(rawKey);
    const tenantId = await this.prisma.scoped({}, (tx) => this.repo.tenantOfKey(tx, keyHash));
    if (!tenantId) return null;
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const key = await this.repo.findByHash(tx, tenantId, keyHash);
      if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
      if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) await this.repo.touch(tx, tenantId, key.id);
      return { type: 'api_key', id: key.id, label: `${key.name} (${key.prefix}…)`, tenantId, scopes: key.scopes } satisfies Actor;
    });
  }
}
