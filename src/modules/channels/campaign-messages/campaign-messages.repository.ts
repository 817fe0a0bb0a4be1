import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

export interface QueuedCampaignMessage {
  campaignId: string;
  runId: string;
  stepId: string;
  leadId: string;
  variant: string | null;
  senderId: string | null;
  toAddress: string;
}

/** channels.channel_messages as the campaign engine writes and reads them. */
@Injectable()
export class CampaignMessagesRepository {
  /** One statement for a batch; a (run, step, lead) already queued is left as it is. */
  queue(tx: Tx, tenantId: string, rows: QueuedCampaignMessage[]): Promise<number> {
    return tx.$executeRaw`
      INSERT INTO channels.channel_messages (tenant_id, kind, channel, campaign_id, run_id, step_id, lead_id, variant, sender_id, to_address)
      SELECT ${tenantId}::uuid, 'campaign', 'email', r.campaign_id, r.run_id, r.step_id, r.lead_id, r.variant, r.sender_id, r.to_address
        FROM unnest(${rows.map((r) => r.campaignId)}::uuid[], ${rows.map((r) => r.runId)}::uuid[], ${rows.map((r) => r.stepId)}::uuid[], ${rows.map((r) => r.leadId)}::uuid[],
                    ${rows.map((r) => r.variant)}::text[], ${rows.map((r) => r.senderId)}::uuid[], ${rows.map((r) => r.toAddress)}::text[])
             AS r(campaign_id, run_id, step_id, lead_id, variant, sender_id, to_address)
      ON CONFLICT (tenant_id, run_id, step_id, lead_id) WHERE kind = 'campaign' DO NOTHING`;
  }

  engagement(tx: Tx, tenantId: string, runId: string, leadIds: string[]) {
    return tx.$queryRaw<{ leadId: string; stepId: string; opened: boolean; clicked: boolean }[]>`
      SELECT lead_id AS "leadId", step_id AS "stepId", first_human_open_at IS NOT NULL AS opened, first_human_click_at IS NOT NULL AS clicked
        FROM channels.channel_messages
       WHERE tenant_id = ${tenantId}::uuid AND kind = 'campaign' AND run_id = ${runId}::uuid AND lead_id = ANY(${leadIds}::uuid[])
         AND (first_human_open_at IS NOT NULL OR first_human_click_at IS NOT NULL)`;
  }

  variantRates(tx: Tx, tenantId: string, runId: string) {
    return tx.$queryRaw<{ variant: string; sent: number; opened: number; clicked: number }[]>`
      SELECT variant, count(*) FILTER (WHERE status = 'sent')::int AS sent,
             count(first_human_open_at)::int AS opened, count(first_human_click_at)::int AS clicked
        FROM channels.channel_messages
       WHERE tenant_id = ${tenantId}::uuid AND kind = 'campaign' AND run_id = ${runId}::uuid AND variant IS NOT NULL
       GROUP BY variant`;
  }

  cancelQueued(tx: Tx, tenantId: string, campaignId: string, reason: string): Promise<number> {
    return tx.$executeRaw`
      UPDATE channels.channel_messages SET status = 'cancelled', status_reason = ${reason}, updated_at = now()
       WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND kind = 'campaign' AND status = 'queued'`;
  }
}
