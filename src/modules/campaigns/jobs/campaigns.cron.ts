import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { addJob, type CampaignJobs, QUEUES, slotJobId } from '../../../infra/queue/queues.js';
import { EnrollmentsRepository } from '../engine/enrollments.repository.js';
import { queueWebhookCall } from '../engine/webhook-caller.service.js';

/** How often the stepper passes over due enrollments. */
export const STEP_EVERY_MS = 2_000;
const ADMISSIONS_EVERY_MS = 30_000;
/** How often running campaigns that admit late joiners look for them (a walk of each segment). */
export const LATE_JOINERS_EVERY_MS = 60_000;
/** A webhook call recorded this long ago and never tried lost its job. */
const WEBHOOK_LOST_AFTER_MS = 60_000;
/** An admission this old whose job Redis no longer knows was lost (flushed or restarted). */
const ADMISSION_LOST_AFTER_MS = 60_000;

/**
 * The engine's clocks only enqueue. The stepper pass gets an id from its time slot, so any
 * number of workers ticking together add one job per slot; PostgreSQL holds all the state, so a
 * flushed Redis loses at most the pass in flight, and the next slot's carries on.
 */
@Injectable()
export class CampaignsCron {
  private readonly logger = new Logger(CampaignsCron.name);

  constructor(
    @InjectQueue(QUEUES.campaigns) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly enrollments: EnrollmentsRepository,
  ) {}

  @Interval('campaign-stepper', STEP_EVERY_MS)
  async step(at: Date = new Date()): Promise<string> {
    const jobId = slotJobId('step-campaigns', STEP_EVERY_MS, at);
    const data: CampaignJobs['step-campaigns'] = { at: at.toISOString() };
    await addJob(this.queue, 'step-campaigns', data, { jobId, removeOnComplete: 100, removeOnFail: 100, attempts: 1 });
    return jobId;
  }

  @Interval('campaign-late-joiners', LATE_JOINERS_EVERY_MS)
  async lateJoiners(at: Date = new Date()): Promise<string> {
    const jobId = slotJobId('admit-late-joiners', LATE_JOINERS_EVERY_MS, at);
    const data: CampaignJobs['admit-late-joiners'] = { at: at.toISOString() };
    await addJob(this.queue, 'admit-late-joiners', data, { jobId, removeOnComplete: 100, removeOnFail: 100, attempts: 1 });
    return jobId;
  }

  /** Webhook calls the stepper recorded whose job never ran (Redis lost it, or was down at commit). */
  @Interval('campaign-webhooks', ADMISSIONS_EVERY_MS)
  async requeueUntriedWebhooks(now: Date = new Date()): Promise<string[]> {
    const rows = await this.prisma.scoped({}, (tx) => this.enrollments.untriedWebhookCalls(tx, new Date(now.getTime() - WEBHOOK_LOST_AFTER_MS), 500));
    const requeued: string[] = [];
    for (const r of rows) {
      if (await this.queue.getJob(`webhook.${r.id}`)) continue;
      await queueWebhookCall(this.queue, r.tenant_id, r.id);
      requeued.push(r.id);
    }
    if (requeued.length) this.logger.warn({ calls: requeued.length }, 'webhook calls queued again: their jobs were lost');
    return requeued;
  }

  /** Launch jobs lost mid-admission go back on the queue under their own id (their row keeps the checkpoint). */
  @Interval('campaign-admissions', ADMISSIONS_EVERY_MS)
  async resumeAdmissions(now: Date = new Date()): Promise<string[]> {
    const rows = await this.prisma.scoped({}, (tx) => this.enrollments.unfinishedAdmissions(tx, new Date(now.getTime() - ADMISSION_LOST_AFTER_MS), 100));
    const requeued: string[] = [];
    for (const r of rows) {
      if (await this.queue.getJob(r.job_id)) continue;
      const data: CampaignJobs['launch-campaign'] = { tenantId: r.tenant_id, trackingId: r.job_id, campaignId: r.campaign_id, runId: r.run_id };
      await addJob(this.queue, 'launch-campaign', data, { jobId: r.job_id, attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 });
      requeued.push(r.job_id);
      this.logger.warn({ tenantId: r.tenant_id, campaignId: r.campaign_id, runId: r.run_id, jobId: r.job_id }, 'campaign admission resumed: its job was lost');
    }
    return requeued;
  }
}
