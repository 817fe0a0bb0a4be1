import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import type { CampaignJobs } from '../../../infra/queue/queues.js';
import { AudienceService } from '../../crm/segments/audience.service.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { CampaignsRepository } from '../campaigns.repository.js';
import { CompletionService } from './completion.service.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

/** Leads admitted per transaction: one keyset page of the snapshot, one INSERT. */
export const ADMISSION_BATCH = 1000;

/**
 * The launch job: freezes the audience in a segment snapshot (once per run), then admits its
 * leads at the journey's entry in keyset batches, each batch a transaction that moves the run's
 * checkpoint; a job restarted (worker killed, Redis lost) carries on from the checkpoint, and a
 * lead admitted twice is one enrollment (unique per run and lead). Memory stays one batch.
 */
@Injectable()
export class AdmissionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsRepository,
    private readonly repo: EnrollmentsRepository,
    private readonly audience: AudienceService,
    private readonly jobs: JobsService,
    private readonly completion: CompletionService,
  ) {}

  run(job: Job<CampaignJobs['launch-campaign']>) {
    const { tenantId, campaignId, runId } = job.data;
    return this.jobs.track(job, async (report) => {
      const frozen = await this.prisma.scoped(
        { tenantId },
        async (tx) => {
          const run = await this.repo.findRun(tx, tenantId, runId);
          const campaign = await this.campaigns.find(tx, tenantId, campaignId);
          if (!run || !campaign) throw new Error(`run ${runId} of campaign ${campaignId} not found`);
          if (run.snapshotId) return run;
          const { snapshotId, size } = await this.audience.snapshotNow(tx, tenantId, campaign.segmentId!, `campaign: ${campaign.name}`.slice(0, 200), run.jobId);
          return this.repo.updateRun(tx, runId, { snapshotId, audienceSize: size });
        },
        { timeout: 600_000 },
      );
      const audienceSize = frozen.audienceSize ?? 0;
      let batches = 0;
      for (;;) {
        const step = await this.prisma.scoped({ tenantId }, async (tx) => {
          const campaign = await this.campaigns.find(tx, tenantId, campaignId);
          const run = (await this.repo.findRun(tx, tenantId, runId))!;
          // A cancelled campaign (or one launched again since) admits no one more.
          if (!campaign || campaign.currentRunId !== runId || (campaign.status !== 'running' && campaign.status !== 'paused')) return { done: true, stopped: true, admitted: run.admitted };
          const ids = await this.audience.snapshotLeadIds(tx, tenantId, run.snapshotId!, run.admittedThrough, ADMISSION_BATCH);
          if (!ids.length) {
            await this.repo.updateRun(tx, runId, { admissionDoneAt: new Date() });
            return { done: true, stopped: false, admitted: run.admitted };
          }
          const added = await this.repo.admit(tx, tenantId, campaignId, runId, campaign.entryStepId!, ids, new Date());
          const updated = await this.repo.updateRun(tx, runId, { admitted: { increment: added }, admittedThrough: ids[ids.length - 1]! });
          return { done: false, stopped: false, admitted: updated.admitted };
        });
        if (!step.done) batches++;
        await report({ admitted: step.admitted, audienceSize, percent: audienceSize ? Math.min(100, Math.floor((step.admitted / audienceSize) * 100)) : 100 });
        if (step.done) {
          if (!step.stopped) await this.completion.completeIfDone(tenantId, campaignId);
          return { admitted: step.admitted, audienceSize, batches, stopped: step.stopped };
        }
      }
    });
  }

  /**
   * Leads who joined the segment since launch (a dynamic segment's rules evaluated now), admitted
   * at the entry; everyone already in the run is skipped by its unique key, so a lead enters a
   * run once however often it leaves and rejoins. Walks the members in keyset batches.
   */
  async admitLateJoiners(tenantId: string, campaignId: string, runId: string): Promise<number> {
    let after: string | null = null;
    let added = 0;
    for (;;) {
      const batch: { ids: string[]; added: number } | null = await this.prisma.scoped({ tenantId }, async (tx) => {
        const campaign = await this.campaigns.find(tx, tenantId, campaignId);
        if (!campaign?.segmentId || campaign.status !== 'running' || !campaign.admitLateJoiners || campaign.currentRunId !== runId) return null;
        const ids = await this.audience.memberIdsAfter(tx, tenantId, campaign.segmentId, after, ADMISSION_BATCH);
        const n = ids.length ? await this.repo.admit(tx, tenantId, campaignId, runId, campaign.entryStepId!, ids, new Date()) : 0;
        if (n) await this.repo.updateRun(tx, runId, { admitted: { increment: n } });
        return { ids, added: n };
      });
      if (!batch) return added;
      added += batch.added;
      if (batch.ids.length < ADMISSION_BATCH) return added;
      after = batch.ids[batch.ids.length - 1]!;
    }
  }
}
