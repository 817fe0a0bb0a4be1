import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { afterCommit } from '../../../infra/database/transaction-guard.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { QUEUES } from '../../../infra/queue/queues.js';
import { LeadEventsService } from '../../analytics/lead-events.service.js';
import { CampaignMessagesService, type QueuedCampaignMessage } from '../../channels/campaign-messages/campaign-messages.service.js';
import { CrmError } from '../../crm/crm.errors.js';
import { AudienceService, type LeadFacts } from '../../crm/segments/audience.service.js';
import { ScoringService } from '../../crm/scoring/scoring.service.js';
import { type CampaignRow, CampaignsRepository, type RunRow, type StepRow } from '../campaigns.repository.js';
import type { ActionConfig, ConditionConfig, SendConfig, SplitConfig, WaitConfig } from '../journeys/journey-graph.js';
import { pickVariant, wakeAt } from '../journeys/step-timing.js';
import { CompletionService } from './completion.service.js';
import { type ClaimedEnrollment, type EnrollmentMove, EnrollmentsRepository, type HistoryRow } from './enrollments.repository.js';
import { SplitWinnerService } from './split-winner.service.js';
import { queueWebhookCall } from './webhook-caller.service.js';

/** Enrollments claimed per transaction. */
export const STEP_BATCH = 500;
/** Steps one lead may take in one pass; a journey that goes further (waits already over) carries on at the next tick. */
const MAX_HOPS = 50;
/** One tick stops taking new batches after this long, leaving the rest to the next tick (or another worker). */
const TICK_BUDGET_MS = 20_000;
/** Where a lead without a timezone of its own is woken for a local time of day. */
const DEFAULT_TIMEZONE = 'Europe/Paris';

interface Journey {
  steps: Map<string, StepRow>;
  /** `${fromStepId}:${branch}` → toStepId */
  next: Map<string, string>;
}

/**
 * What a batch's conditions read, fetched once per batch (a few set queries, not one per lead):
 * opens and clicks of the run's messages, membership of each segment a condition names, goal
 * conversions. Read at the start of the pass: a tag set by an action earlier in the same pass
 * shows in segment membership at the lead's next pass.
 */
interface BatchFacts {
  leads: Map<string, LeadFacts>;
  /** `${runId}:${leadId}` → steps whose message a person opened or clicked */
  engagement: Map<string, { stepId: string; opened: boolean; clicked: boolean }[]>;
  members: Map<string, Set<string>>;
  /** enrollment ids whose lead did the goal event within its window */
  converted: Set<string>;
}

interface BatchEffects {
  moves: EnrollmentMove[];
  history: HistoryRow[];
  messages: QueuedCampaignMessage[];
  webhooks: { enrollmentId: string; stepId: string; body: Record<string, unknown> }[];
  changedLeads: Set<string>;
}

/**
 * The journey stepper (worker). Each pass finds running campaigns with enrollments due, then
 * per campaign claims a batch of due enrollments with FOR UPDATE SKIP LOCKED and moves each lead
 * along its journey as far as it goes now: until a wait that is not over, an exit or the end.
 * Everything a batch does — the leads' new positions and history, the queued messages (unique per
 * run, step and lead), the webhook calls to make, lead changes by actions — commits in the one
 * transaction that holds the claim, so two workers never advance the same enrollment, and a
 * worker that dies mid-batch leaves it to be claimed again, unchanged. The campaign row is held
 * FOR SHARE meanwhile: a pause or cancel (FOR UPDATE) waits for the batch, then no lead moves.
 */
@Injectable()
export class StepperService {
  private readonly logger = new Logger(StepperService.name);

  constructor(
    @InjectQueue(QUEUES.campaigns) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsRepository,
    private readonly repo: EnrollmentsRepository,
    private readonly audience: AudienceService,
    private readonly messages: CampaignMessagesService,
    private readonly events: LeadEventsService,
    private readonly scoring: ScoringService,
    private readonly completion: CompletionService,
    private readonly winners: SplitWinnerService,
  ) {}

  /** One pass as of `now` (a controllable clock for tests): how many enrollments were advanced. */
  async tick(now: Date = new Date()): Promise<{ advanced: number; campaigns: number }> {
    const started = Date.now();
    const due = await this.prisma.scoped({}, (tx) => this.repo.campaignsWithDue(tx, now, 200));
    let advanced = 0;
    for (const { tenant_id: tenantId, campaign_id: campaignId } of due) {
      await this.winners.decideDue(tenantId, campaignId, now);
      for (;;) {
        const n = await this.stepBatch(tenantId, campaignId, now);
        advanced += n;
        if (n < STEP_BATCH || Date.now() - started > TICK_BUDGET_MS) break;
      }
      await this.completion.completeIfDone(tenantId, campaignId);
      if (Date.now() - started > TICK_BUDGET_MS) break;
    }
    return { advanced, campaigns: due.length };
  }

  /** Claims and advances one batch of a campaign's due enrollments; returns how many it claimed. */
  async stepBatch(tenantId: string, campaignId: string, now: Date): Promise<number> {
    const { claimed, changedLeads } = await this.prisma.scoped(
      { tenantId },
      async (tx) => {
        if ((await this.repo.campaignStatusShared(tx, tenantId, campaignId)) !== 'running') return { claimed: 0, changedLeads: [] };
        const batch = await this.repo.claimDue(tx, tenantId, campaignId, now, STEP_BATCH);
        if (!batch.length) return { claimed: 0, changedLeads: [] };
        const campaign = (await this.campaigns.find(tx, tenantId, campaignId))!;
        const journey = await this.journey(tx, tenantId, campaignId);
        const runs = new Map((await this.campaigns.runs(tx, tenantId, [...new Set(batch.map((e) => e.runId))])).map((r) => [r.id, r]));
        const facts = await this.batchFacts(tx, tenantId, campaign, journey, batch, now);
        const fx: BatchEffects = { moves: [], history: [], messages: [], webhooks: [], changedLeads: new Set() };
        for (const e of batch) await this.advance(tx, tenantId, campaign, journey, runs.get(e.runId)!, e, facts, now, fx);
        await this.messages.queue(tx, tenantId, fx.messages);
        await this.repo.move(tx, tenantId, fx.moves, now);
        await this.repo.history(tx, tenantId, fx.history, now);
        const calls = await this.repo.webhookCalls(tx, tenantId, fx.webhooks);
        if (calls.length) afterCommit(() => this.queueWebhookCalls(tenantId, calls));
        return { claimed: batch.length, changedLeads: [...fx.changedLeads] };
      },
      { timeout: 120_000 },
    );
    // Tags and fields are what attribute scoring rules read.
    if (changedLeads.length) await this.scoring.rescoreLeadsLater(tenantId, changedLeads, 'lead changed');
    return claimed;
  }

  private async journey(tx: Tx, tenantId: string, campaignId: string): Promise<Journey> {
    const steps = await this.campaigns.steps(tx, tenantId, campaignId);
    const edges = await this.campaigns.edges(tx, tenantId, campaignId);
    return { steps: new Map(steps.map((s) => [s.id, s])), next: new Map(edges.map((e) => [`${e.fromStepId}:${e.branch}`, e.toStepId])) };
  }

  private async batchFacts(tx: Tx, tenantId: string, campaign: CampaignRow, journey: Journey, batch: ClaimedEnrollment[], now: Date): Promise<BatchFacts> {
    const leadIds = batch.map((e) => e.leadId);
    const tests = [...journey.steps.values()].filter((s) => s.kind === 'condition').map((s) => s.config as ConditionConfig);
    const facts: BatchFacts = { leads: await this.audience.facts(tx, tenantId, leadIds), engagement: new Map(), members: new Map(), converted: new Set() };
    if (tests.some((t) => t.test === 'opened' || t.test === 'clicked')) {
      for (const runId of new Set(batch.map((e) => e.runId))) {
        const runLeads = batch.filter((e) => e.runId === runId).map((e) => e.leadId);
        for (const [leadId, steps] of await this.messages.engagement(tx, tenantId, runId, runLeads)) facts.engagement.set(`${runId}:${leadId}`, steps);
      }
    }
    for (const segmentId of new Set(tests.flatMap((t) => (t.test === 'inSegment' ? [t.segmentId] : [])))) {
      facts.members.set(segmentId, await this.audience.membersAmong(tx, tenantId, segmentId, leadIds));
    }
    if (tests.some((t) => t.test === 'converted') && campaign.goalEventType && campaign.goalWindowHours) {
      const windowMs = campaign.goalWindowHours * 3_600_000;
      const windows = batch.map((e) => ({ leadId: e.leadId, from: e.enteredAt, to: new Date(Math.min(now.getTime() + 1, e.enteredAt.getTime() + windowMs)) }));
      const hit = await this.events.leadsWithEventBetween(tx, tenantId, campaign.goalEventType, windows);
      for (const e of batch) if (hit.has(e.leadId)) facts.converted.add(e.id);
    }
    return facts;
  }

  /** Moves one lead as far as it goes now, recording what it does into `fx`. */
  private async advance(tx: Tx, tenantId: string, campaign: CampaignRow, journey: Journey, run: RunRow, e: ClaimedEnrollment, facts: BatchFacts, now: Date, fx: BatchEffects): Promise<void> {
    const lead = facts.leads.get(e.leadId);
    let variant = e.variant;
    const record = (stepId: string, outcome: string, detail: Record<string, unknown> | null = null) => fx.history.push({ enrollmentId: e.id, stepId, outcome, detail });
    const finish = (status: 'completed' | 'exited') => void fx.moves.push({ id: e.id, stepId: null, status, nextWakeAt: null, variant });

    if (!lead || lead.deleted) {
      record(e.stepId, 'exited', { reason: 'lead deleted' });
      finish('exited');
      return;
    }
    let stepId: string = e.stepId;
    // A lead claimed while `waiting` has served the wait it stands on.
    let waited = e.status === 'waiting';
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const step = journey.steps.get(stepId);
      if (!step) {
        // Its step was removed from the journey (only possible without leads on it): stop here.
        finish('exited');
        return;
      }
      let branch = 'next';
      switch (step.kind) {
        case 'send': {
          const cfg = step.config as SendConfig;
          const pick = (variant && cfg.variants?.[variant]) || cfg;
          if (!lead.email) record(step.id, 'skipped', { reason: 'no email address' });
          else {
            fx.messages.push({ campaignId: campaign.id, runId: run.id, stepId: step.id, leadId: lead.id, variant, senderId: pick.senderId ?? null, toAddress: lead.email });
            record(step.id, 'queued');
          }
          break;
        }
        case 'wait': {
          if (!waited) {
            const wake = wakeAt(step.config as WaitConfig, now, lead.timezone ?? DEFAULT_TIMEZONE);
            if (wake > now) {
              fx.moves.push({ id: e.id, stepId: step.id, status: 'waiting', nextWakeAt: wake, variant });
              return;
            }
          }
          record(step.id, 'waited');
          break;
        }
        case 'condition': {
          const yes = this.test(journey, run, e, lead, facts, step.config as ConditionConfig);
          branch = yes ? 'yes' : 'no';
          record(step.id, branch);
          break;
        }
        case 'action':
          await this.act(tx, tenantId, campaign, run, e, lead, step, fx, record);
          break;
        case 'split': {
          const winner = (run.splitWinners as Record<string, string>)[step.id];
          variant = winner ?? pickVariant(step.config as SplitConfig, step.id, lead.id);
          branch = variant;
          record(step.id, `variant:${variant}`, winner ? { winner: true } : null);
          break;
        }
        case 'exit':
          record(step.id, 'exited');
          finish('exited');
          return;
      }
      waited = false;
      const to = journey.next.get(`${step.id}:${branch}`);
      if (!to) {
        finish('completed');
        return;
      }
      stepId = to;
    }
    // A long run of steps already due: carry on at the next pass.
    fx.moves.push({ id: e.id, stepId, status: 'active', nextWakeAt: now, variant });
  }

  private test(journey: Journey, run: RunRow, e: ClaimedEnrollment, lead: LeadFacts, facts: BatchFacts, cfg: ConditionConfig): boolean {
    switch (cfg.test) {
      case 'opened':
      case 'clicked': {
        const steps = facts.engagement.get(`${run.id}:${lead.id}`) ?? [];
        const stepIds = cfg.stepKey ? new Set([...journey.steps.values()].filter((s) => s.key === cfg.stepKey).map((s) => s.id)) : null;
        return steps.some((s) => (!stepIds || stepIds.has(s.stepId)) && (cfg.test === 'opened' ? s.opened : s.clicked));
      }
      case 'converted':
        return facts.converted.has(e.id);
      case 'inSegment':
        return facts.members.get(cfg.segmentId)?.has(lead.id) ?? false;
      case 'score': {
        const s = lead.score;
        return { gte: s >= cfg.value, gt: s > cfg.value, lte: s <= cfg.value, lt: s < cfg.value, eq: s === cfg.value }[cfg.operator];
      }
      case 'field': {
        const value = this.audience.fieldValue(lead.row, cfg.field);
        const want = (cfg.value ?? '').toLocaleLowerCase('fr');
        const have = value?.toLocaleLowerCase('fr') ?? null;
        switch (cfg.operator) {
          case 'isSet':
            return have !== null;
          case 'isNotSet':
            return have === null;
          case 'equals':
            return have === want;
          case 'notEquals':
            return have !== want;
          case 'contains':
            return have !== null && have.includes(want);
        }
      }
    }
  }

  private async act(
    tx: Tx,
    tenantId: string,
    campaign: CampaignRow,
    run: RunRow,
    e: ClaimedEnrollment,
    lead: LeadFacts,
    step: StepRow,
    fx: BatchEffects,
    record: (stepId: string, outcome: string, detail?: Record<string, unknown> | null) => void,
  ): Promise<void> {
    const cfg = step.config as ActionConfig;
    switch (cfg.action) {
      case 'tag':
        await this.audience.addTag(tx, tenantId, [lead.id], cfg.tag);
        fx.changedLeads.add(lead.id);
        record(step.id, 'tagged', { tag: cfg.tag });
        return;
      case 'setField':
        try {
          await this.audience.setField(tx, tenantId, lead.row, cfg.field, cfg.value);
          // Conditions later in this pass read the new value.
          Object.assign(lead, (await this.audience.facts(tx, tenantId, [lead.id])).get(lead.id));
          fx.changedLeads.add(lead.id);
          record(step.id, 'field_set', { field: cfg.field });
        } catch (err) {
          // A value the field refuses (checked before any write) skips the action, not the journey.
          if (!(err instanceof CrmError)) throw err;
          record(step.id, 'failed', { field: cfg.field, reason: err.message });
        }
        return;
      case 'webhook':
        fx.webhooks.push({
          enrollmentId: e.id,
          stepId: step.id,
          body: { event: 'campaign.step', campaignId: campaign.id, campaignName: campaign.name, runId: run.id, stepKey: step.key, enrollmentId: e.id, lead: { id: lead.id, email: lead.email } },
        });
        record(step.id, 'webhook_queued');
        return;
    }
  }

  private async queueWebhookCalls(tenantId: string, ids: string[]): Promise<void> {
    try {
      for (const id of ids) await queueWebhookCall(this.queue, tenantId, id);
    } catch (err) {
      // Recorded, so CampaignsCron.requeueUntriedWebhooks queues them again.
      this.logger.warn({ err, tenantId, calls: ids.length }, 'webhook calls recorded but not queued');
    }
  }
}
