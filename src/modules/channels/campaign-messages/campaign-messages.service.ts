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

  /** Per lead: opened / clicked (by a person, not a machine) any of this run's messages of these steps (all steps when null). */
  async engagement(tx: Tx, tenantId: string, runId: string, leadIds: string[], stepIds: string[] | null): Promise<Map<string, { opened: boolean; clicked: boolean }>> {
    if (!leadIds.length) return new Map();
    const rows = await this.repo.engagement(tx, tenantId, runId, leadIds, stepIds);
    return new Map(rows.map((r) => [r.leadId, { opened: r.opened, clicked: r.clicked }]));
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
