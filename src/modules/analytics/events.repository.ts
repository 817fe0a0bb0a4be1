import { Injectable } from '@nestjs/common';
import type { Tx } from '../../infra/prisma/prisma.service.js';

export interface EventRow {
  /** The integrator's id for the event, if it sent one; our own id is generated. */
  externalId: string | null;
  type: string;
  leadId: string | null;
  anonymousId: string | null;
  properties: object;
  occurredAt: Date;
  source: string;
}

@Injectable()
export class EventsRepository {
  /**
   * One statement for the whole batch. An event whose (tenant, external id, time) is already
   * stored is a no-op, so replays are idempotent within a tenant and invisible to the others.
   */
  async insertBatch(tx: Tx, tenantId: string, rows: EventRow[]): Promise<number> {
    if (!rows.length) return 0;
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO analytics.events (tenant_id, external_id, occurred_at, type, lead_id, anonymous_id, properties, source)
      SELECT ${tenantId}::uuid, u.external_id, u.occurred_at, u.type, u.lead_id, u.anonymous_id, u.properties, u.source
        FROM unnest(${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.occurredAt)}::timestamptz[], ${rows.map((r) => r.type)}::text[],
                    ${rows.map((r) => r.leadId)}::uuid[], ${rows.map((r) => r.anonymousId)}::text[],
                    ${rows.map((r) => JSON.stringify(r.properties))}::jsonb[], ${rows.map((r) => r.source)}::text[])
             AS u(external_id, occurred_at, type, lead_id, anonymous_id, properties, source)
      ON CONFLICT (tenant_id, external_id, occurred_at) WHERE external_id IS NOT NULL DO NOTHING
      RETURNING id`;
    return inserted.length;
  }

  /** The lead an anonymous visitor was already identified as, if any. */
  async leadsOfAnonymous(tx: Tx, tenantId: string, anonymousIds: string[]): Promise<Map<string, string>> {
    if (!anonymousIds.length) return new Map();
    const rows = await tx.$queryRaw<{ anonymous_id: string; lead_id: string }[]>`
      SELECT DISTINCT ON (anonymous_id) anonymous_id, lead_id FROM analytics.events
       WHERE tenant_id = ${tenantId}::uuid AND anonymous_id = ANY(${anonymousIds}::text[]) AND lead_id IS NOT NULL
       ORDER BY anonymous_id, occurred_at DESC`;
    return new Map(rows.map((r) => [r.anonymous_id, r.lead_id]));
  }

  /** Once identified, a visitor's earlier anonymous events belong to the lead. */
  linkAnonymous(tx: Tx, tenantId: string, anonymousId: string, leadId: string): Promise<number> {
    return tx.$executeRaw`UPDATE analytics.events SET lead_id = ${leadId}::uuid
                           WHERE tenant_id = ${tenantId}::uuid AND anonymous_id = ${anonymousId} AND lead_id IS NULL`;
  }
}
