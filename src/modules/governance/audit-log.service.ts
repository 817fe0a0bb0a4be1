import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { Actor, RequestContext } from '../../common/auth/actor.js';
import { page, decodeCursor } from '../../common/http/pagination.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import type { AuditLogQueryDto } from './dto/audit-log.dto.js';
import { AuditLogRepository } from './audit-log.repository.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  metadata?: Record<string, unknown>;
  /** Defaults to the request's actor; given explicitly where none exists yet (register, accept). */
  actor?: Pick<Actor, 'type' | 'id' | 'label'> | { type: 'system'; id?: null; label: string };
}

/**
 * Records who changed what. Called by services inside the transaction that makes the change,
 * so an audit row exists exactly when the change does.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly cls: ClsService<RequestContext>,
    private readonly prisma: PrismaService,
    private readonly repo: AuditLogRepository,
  ) {}

  async record(tx: Tx, tenantId: string, entry: AuditEntry): Promise<void> {
    const active = this.cls.isActive();
    const actor = entry.actor ?? (active ? this.cls.get('actor') : undefined) ?? { type: 'system' as const, id: null, label: 'system' };
    await this.repo.insert(tx, {
      tenantId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      metadata: (entry.metadata ?? {}) as object,
      ip: active ? (this.cls.get('ip') ?? null) : null,
      userAgent: active ? (this.cls.get('userAgent') ?? null) : null,
      requestId: active ? (this.cls.getId() ?? null) : null,
    });
  }

  async list(tenantId: string, query: AuditLogQueryDto) {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, query, cursor));
    return page(rows, query.limit, (r) => r.occurredAt);
  }
}
