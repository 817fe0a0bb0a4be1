import { Injectable } from '@nestjs/common';
import type { FeedBound } from '../../common/http/feed-bound.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';

export interface TimelineEvent {
  id: string;
  at: Date;
  type: string;
  properties: unknown;
}

/** analytics.events seen from one lead: its history, and moving it when leads are merged. */
@Injectable()
export class LeadEventsRepository {
  recent(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number): Promise<TimelineEvent[]> {
    return tx.$queryRaw<TimelineEvent[]>`
      SELECT id, occurred_at AS at, type, properties FROM analytics.events
       WHERE tenant_id = ${tenantId}::uuid AND lead_id = ${leadId}::uuid
         AND (occurred_at < ${b.at} OR (occurred_at = ${b.at} AND (${b.orEqual} OR id < ${b.idBelow}::uuid)))
       ORDER BY occurred_at DESC, id DESC LIMIT ${limit}`;
  }

  async reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`UPDATE analytics.events SET lead_id = ${toLeadId}::uuid
                            WHERE tenant_id = ${tenantId}::uuid AND lead_id = ANY(${fromLeadIds}::uuid[]) RETURNING id`;
    return rows.map((r) => r.id);
  }

  /** Undoing a merge: these events (as reassign returned them) go back to `toLeadId`. */
  moveBack(tx: Tx, tenantId: string, ids: string[], toLeadId: string): Promise<number> {
    return tx.$executeRaw`UPDATE analytics.events SET lead_id = ${toLeadId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`;
  }

  /** Which leads have an event of `type` within their own [from, to) window (one index probe each). */
  async leadsWithEventBetween(tx: Tx, tenantId: string, type: string, windows: { leadId: string; from: Date; to: Date }[]): Promise<Set<string>> {
    if (!windows.length) return new Set();
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT w.lead_id AS id FROM unnest(${windows.map((w) => w.leadId)}::uuid[], ${windows.map((w) => w.from)}::timestamptz[], ${windows.map((w) => w.to)}::timestamptz[]) AS w(lead_id, t0, t1)
       WHERE EXISTS (SELECT 1 FROM analytics.events e WHERE e.tenant_id = ${tenantId}::uuid AND e.lead_id = w.lead_id AND e.type = ${type} AND e.occurred_at >= w.t0 AND e.occurred_at < w.t1)`;
    return new Set(rows.map((r) => r.id));
  }
}
