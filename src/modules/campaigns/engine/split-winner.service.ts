import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { LeadEventsService } from '../../analytics/lead-events.service.js';
import { CampaignMessagesService } from '../../channels/campaign-messages/campaign-messages.service.js';
import { type CampaignRow, CampaignsRepository, type RunRow } from '../campaigns.repository.js';
import type { SplitConfig } from '../journeys/journey-graph.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

const CONVERSION_BATCH = 1000;

/**
 * A/B winners: once a split's test time (`winner.afterHours` from the run's start) is over, the
 * variant with the best rate — human opens or clicks per message sent, or goal conversions per
 * lead — becomes the run's winner, and every lead reaching the split afterwards takes it. Rates
 * are per variant over the run's messages (a journey holds one A/B test at a time in practice).
 */
@Injectable()
export class SplitWinnerService {
  private readonly logger = new Logger(SplitWinnerService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsRepository,
    private readonly repo: EnrollmentsRepository,
    private readonly messages: CampaignMessagesService,
    private readonly events: LeadEventsService,
  ) {}

  async decideDue(tenantId: string, campaignId: string, now: Date): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const campaign = await this.campaigns.find(tx, tenantId, campaignId);
      if (!campaign?.currentRunId) return;
      const splits = (await this.campaigns.steps(tx, tenantId, campaignId)).filter((s) => s.kind === 'split' && (s.config as SplitConfig).winner);
      if (!splits.length) return;
      const run = (await this.campaigns.runs(tx, tenantId, [campaign.currentRunId]))[0];
      if (!run) return;
      const decided = { ...(run.splitWinners as Record<string, string>) };
      let changed = false;
      for (const split of splits) {
        const cfg = split.config as SplitConfig & { winner: NonNullable<SplitConfig['winner']> };
        if (decided[split.id] || run.createdAt.getTime() + cfg.winner.afterHours * 3_600_000 > now.getTime()) continue;
        const rates = await this.rates(tx, tenantId, campaign, run, cfg.winner.metric);
        const best = cfg.variants.map((v) => ({ key: v.key, rate: rates.get(v.key) ?? 0 })).reduce((a, b) => (b.rate > a.rate ? b : a));
        decided[split.id] = best.key;
        changed = true;
        this.logger.log({ tenantId, campaignId, splitStep: split.key, winner: best.key, metric: cfg.winner.metric, rates: Object.fromEntries(rates) }, 'A/B winner decided');
      }
      if (changed) await this.repo.updateRun(tx, run.id, { splitWinners: decided as Prisma.InputJsonValue });
    });
  }

  private async rates(tx: Tx, tenantId: string, campaign: CampaignRow, run: RunRow, metric: 'open' | 'click' | 'conversion'): Promise<Map<string, number>> {
    if (metric !== 'conversion') {
      const rows = await this.messages.variantRates(tx, tenantId, run.id);
      return new Map(rows.map((r) => [r.variant, r.sent ? (metric === 'open' ? r.opened : r.clicked) / r.sent : 0]));
    }
    const leads = new Map<string, number>();
    const converted = new Map<string, number>();
    if (!campaign.goalEventType || !campaign.goalWindowHours) return converted;
    const windowMs = campaign.goalWindowHours * 3_600_000;
    let after: string | null = null;
    for (;;) {
      const batch = await this.repo.variantEnrollments(tx, tenantId, run.id, after, CONVERSION_BATCH);
      if (!batch.length) break;
      const hits = await this.events.leadsWithEventBetween(tx, tenantId, campaign.goalEventType, batch.map((b) => ({ leadId: b.leadId, from: b.enteredAt, to: new Date(b.enteredAt.getTime() + windowMs) })));
      for (const b of batch) {
        leads.set(b.variant, (leads.get(b.variant) ?? 0) + 1);
        if (hits.has(b.leadId)) converted.set(b.variant, (converted.get(b.variant) ?? 0) + 1);
      }
      after = batch[batch.length - 1]!.id;
    }
    return new Map([...leads].map(([variant, n]) => [variant, (converted.get(variant) ?? 0) / n]));
  }
}
