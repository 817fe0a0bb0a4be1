import { Injectable } from '@nestjs/common';
import type { FeedBound } from '../../common/http/feed-bound.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';

export interface TimelineMessage {
  id: string;
  at: Date;
  channel: string;
  status: string;
  subject: string | null;
  campaignId: string | null;
}

/** channels.channel_messages seen from one lead. */
@Injectable()
export class LeadMessagesRepository {
  recent(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number): Promise<TimelineMessage[]> {
    return tx.$queryRaw<TimelineMessage[]>`
      SELECT id, created_at AS at, channel::text, status::text, payload->>'subject' AS subject, campaign_id AS "campaignId" FROM channels.channel_messages
       WHERE tenant_id = ${tenantId}::uuid AND lead_id = ${leadId}::uuid
         AND (created_at < ${b.at} OR (created_at = ${b.at} AND (${b.orEqual} OR id < ${b.idBelow}::uuid)))
       ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
  }

  /**
   * Moves messages to the surviving lead. A step sends one message per lead, so for each step
   * only one message moves (none when the survivor already has one); the others stay with
   * their (trashed) duplicate as history.
   */
  async reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE channels.channel_messages m SET lead_id = ${toLeadId}::uuid
       WHERE m.tenant_id = ${tenantId}::uuid AND m.lead_id = ANY(${fromLeadIds}::uuid[])
         AND (m.step_id IS NULL OR (
           NOT EXISTS (SELECT 1 FROM channels.channel_messages k WHERE k.run_id = m.run_id AND k.step_id = m.step_id AND k.lead_id = ${toLeadId}::uuid)
           AND m.id = (SELECT x.id FROM channels.channel_messages x
                        WHERE x.run_id = m.run_id AND x.step_id = m.step_id AND x.lead_id = ANY(${fromLeadIds}::uuid[]) ORDER BY x.id LIMIT 1)))
       RETURNING m.id`;
    return rows.map((r) => r.id);
  }

  /** Undoing a merge: these messages (as reassign returned them) go back to `toLeadId`. */
  moveBack(tx: Tx, tenantId: string, ids: string[], toLeadId: string): Promise<number> {
    return tx.$executeRaw`UPDATE channels.channel_messages SET lead_id = ${toLeadId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`;
  }
}
