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

/** campaigns.channel_messages seen from one lead. */
@Injectable()
export class LeadMessagesRepository {
  recent(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number): Promise<TimelineMessage[]> {
    return tx.$queryRaw<TimelineMessage[]>`
      SELECT id, queued_at AS at, channel::text, status::text, subject, campaign_id AS "campaignId" FROM campaigns.channel_messages
       WHERE tenant_id = ${tenantId}::uuid AND lead_id = ${leadId}::uuid
         AND (queued_at < ${b.at} OR (queued_at = ${b.at} AND (${b.orEqual} OR id < ${b.idBelow}::uuid)))
       ORDER BY queued_at DESC, id DESC LIMIT ${limit}`;
  }

  /**
   * Moves messages to the surviving lead. A step sends one message per lead, so for each step
   * only one message moves (none when the survivor already has one); the others stay with
   * their (trashed) duplicate as history.
   */
  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<number> {
    return tx.$executeRaw`
      UPDATE campaigns.channel_messages m SET lead_id = ${toLeadId}::uuid
       WHERE m.tenant_id = ${tenantId}::uuid AND m.lead_id = ANY(${fromLeadIds}::uuid[])
         AND (m.step_id IS NULL OR (
           NOT EXISTS (SELECT 1 FROM campaigns.channel_messages k WHERE k.step_id = m.step_id AND k.lead_id = ${toLeadId}::uuid)
           AND m.id = (SELECT x.id FROM campaigns.channel_messages x
                        WHERE x.step_id = m.step_id AND x.lead_id = ANY(${fromLeadIds}::uuid[]) ORDER BY x.id LIMIT 1)))`;
  }
}
