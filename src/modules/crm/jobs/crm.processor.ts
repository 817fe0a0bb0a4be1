import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { workerLockMs } from '../../../config/config.js';
import { type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { ImportFileRetentionService } from '../imports/import-file-retention.service.js';
import { ImportLeadsRunner } from '../imports/import-leads.runner.js';
import { EnrichmentService } from '../enrichment/enrichment.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { SegmentSnapshotsService } from '../segments/segment-snapshots.service.js';

const LOCK_MS = workerLockMs();

// Long jobs: a dead worker's job is found stalled (lock expired) at the next stalled check and
// handed to another worker, which resumes it (imports checkpoint every batch).
@Processor(QUEUES.crm, { concurrency: 2, lockDuration: LOCK_MS, stalledInterval: Math.min(30_000, LOCK_MS / 2) })
export class CrmProcessor extends WorkerHost {
  constructor(
    private readonly importLeads: ImportLeadsRunner,
    private readonly scoring: ScoringService,
    private readonly enrichment: EnrichmentService,
    private readonly jobs: JobsService,
    private readonly snapshots: SegmentSnapshotsService,
    private readonly importFiles: ImportFileRetentionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as keyof CrmJobs) {
      case 'import-leads':
        return this.importLeads.run(job as Job<CrmJobs['import-leads']>);
      case 'enrich-leads': {
        // Scores follow: enrichment may have filled a field an attribute rule reads.
        const data = job.data as CrmJobs['enrich-leads'];
        const enriched = await this.enrichment.enrich(data.tenantId, data.leadIds);
        const rescored = await this.scoring.rescore(data.tenantId, data.leadIds, 'lead changed');
        return { ...enriched, rescored: rescored.changed };
      }
      case 'snapshot-segment':
        return this.snapshots.take(job as Job<CrmJobs['snapshot-segment']>);
      case 'enrich-import': {
        const data = job.data as CrmJobs['enrich-import'];
        return this.enrichment.fanOutChangedSince(data.tenantId, new Date(data.since));
      }
      case 'rescore-leads': {
        const data = job.data as CrmJobs['rescore-leads'];
        const work = () => this.scoring.rescore(data.tenantId, data.leadIds, data.reason);
        return data.trackingId ? this.jobs.track(job as Job<{ tenantId: string; trackingId: string }>, work) : work();
      }
      case 'import-file-retention': {
        const data = job.data as CrmJobs['import-file-retention'];
        return this.importFiles.apply(data.tenantId, new Date(data.at));
      }
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${QUEUES.crm}`);
    }
  }
}
