import { Injectable } from '@nestjs/common';
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
  recent(tx: Tx, tenantId: string, leadId: string, before: Date, limit: number): Promise<TimelineMessage[]> {
    return tx.$queryRaw<TimelineMessage[]>`
      SELECT id, queued_at AS at, channel::text, status::text, subject, campaign_id AS "campaignId" FROM campaigns.channel_messages
       WHERE tenant_id = ${tenantId}::uuid AND lead_id = ${leadId}::uuid AND queued_at < ${before}
       ORDER BY queued_at DESC LIMIT ${limit}`;
  }

  /** Moves messages to the surviving lead, except where it already had that step's message (one per step and lead). */
  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<number> {
    return tx.$executeRaw`
      UPDATE campaigns.channel_messages m SET lead_id = ${toLeadId}::uuid
       WHERE m.tenant_id = ${tenantId}::uuid AND m.lead_id = ANY(${fromLeadIds}::uuid[])
         AND (m.step_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM campaigns.channel_messages k WHERE k.step_id = m.step_id AND k.lead_id = ${toLeadId}::uuid))`;
  }
}
