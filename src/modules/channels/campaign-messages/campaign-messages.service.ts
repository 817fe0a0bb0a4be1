import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import { CampaignMessagesRepository, type QueuedCampaignMessage } from './campaign-messages.repository.js';

export type { QueuedCampaignMessage } from './campaign-messages.repository.js';

/**
 * The door through which the campaign engine hands messages to channels: it queues one row per
 * (run, step, lead) — the dispatcher sends them — and reads back what the tracking recorded
 * (human opens and clicks) for journey conditions and A/B winners. All in the caller's transaction.
 */
@Injectable()
export class CampaignMessagesService {
  constructor(private readonly repo: CampaignMessagesRepository) {}

  /** Queues the batch's messages; replaying a step (a retried batch, two workers) adds none twice. Returns how many were new. */
  async queue(tx: Tx, tenantId: string, rows: QueuedCampaignMessage[]): Promise<number> {
    return rows.length ? this.repo.queue(tx, tenantId, rows) : 0;
  }

  /** Per lead: the steps of this run whose message a person (not a machine) opened or clicked. */
  async engagement(tx: Tx, tenantId: string, runId: string, leadIds: string[]): Promise<Map<string, { stepId: string; opened: boolean; clicked: boolean }[]>> {
    const byLead = new Map<string, { stepId: string; opened: boolean; clicked: boolean }[]>();
    if (!leadIds.length) return byLead;
    for (const r of await this.repo.engagement(tx, tenantId, runId, leadIds)) {
      const list = byLead.get(r.leadId) ?? [];
      list.push({ stepId: r.stepId, opened: r.opened, clicked: r.clicked });
      byLead.set(r.leadId, list);
    }
    return byLead;
  }

  /** Per A/B variant of a run: messages sent, and human opens and clicks. */
  variantRates(tx: Tx, tenantId: string, runId: string) {
    return this.repo.variantRates(tx, tenantId, runId);
  }

  /** A cancelled campaign's messages not yet taken by the dispatcher are never sent. */
  cancelQueued(tx: Tx, tenantId: string, campaignId: string, reason: string): Promise<number> {
    return this.repo.cancelQueued(tx, tenantId, campaignId, reason);
  }
}
