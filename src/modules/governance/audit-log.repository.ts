import { Injectable } from '@nestjs/common';
import type { TimeIdCursor } from '../../common/http/pagination.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import type { AuditLogQueryDto } from './dto/audit-log.dto.js';

@Injectable()
export class AuditLogRepository {
  insert(tx: Tx, data: Prisma.AuditLogUncheckedCreateInput) {
    return tx.auditLog.create({ data, select: { id: true } });
  }

  list(tx: Tx, tenantId: string, q: AuditLogQueryDto, cursor?: TimeIdCursor) {
    const where: Prisma.AuditLogWhereInput = {
      tenantId,
      ...(q.action?.length && { action: { in: q.action } }),
      ...(q.entityType && { entityType: q.entityType }),
      ...(q.entityId && { entityId: q.entityId }),
      ...(q.actorId && { actorId: q.actorId }),
      ...(q.actorType && { actorType: q.actorType }),
      ...((q.from || q.to) && { occurredAt: { ...(q.from && { gte: q.from }), ...(q.to && { lte: q.to }) } }),
      ...(cursor && {
        OR: [{ occurredAt: { lt: cursor.at } }, { occurredAt: cursor.at, id: { lt: cursor.id } }],
      }),
    };
    return tx.auditLog.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: q.limit + 1 });
  }

  /** Retention: the current tenant's entries older than `days` (the database refuses under a day). */
  async purgeOlderThan(tx: Tx, days: number): Promise<number> {
    const rows = await tx.$queryRaw<{ n: bigint }[]>`SELECT governance.purge_audit_logs(make_interval(days => ${days}::int)) AS n`;
    return Number(rows[0]?.n ?? 0);
  }

  /** Monthly partitions of analytics.events from one month back to a year ahead (owned by a definer function). */
  async ensureEventPartitions(tx: Tx): Promise<number> {
    const rows = await tx.$queryRaw<{ n: number }[]>`SELECT analytics.ensure_event_partitions(1, 12) AS n`;
    return rows[0]?.n ?? 0;
  }
}
