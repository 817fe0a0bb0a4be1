import { Processor } from '@nestjs/bullmq';
import { workerLockMs } from '../../../config/config.js';
import { JobProcessor, type JobHandlers } from '../../../infra/queue/job-processor.js';
import { CRM_JOBS, QUEUES } from '../../../infra/queue/queues.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { ImportFileRetentionService } from '../imports/import-file-retention.service.js';
import { ImportLeadsRunner } from '../imports/import-leads.runner.js';
import { LeadBulkService } from '../lead-bulk.service.js';
import { EnrichmentService } from '../enrichment/enrichment.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { SegmentSnapshotsService } from '../segments/segment-snapshots.service.js';

const LOCK_MS = workerLockMs();

// Long jobs: a dead worker's job is found stalled (lock expired) at the next stalled check and
// handed to another worker, which resumes it (imports checkpoint every batch).
@Processor(QUEUES.crm, { concurrency: 2, lockDuration: LOCK_MS, stalledInterval: Math.min(30_000, LOCK_MS / 2) })
export class CrmProcessor extends JobProcessor<typeof CRM_JOBS> {
  protected readonly schemas = CRM_JOBS;
  protected readonly handlers: JobHandlers<typeof CRM_JOBS> = {
    'import-leads': (_data, job) => this.importLeads.run(job),
    'enrich-leads': async ({ tenantId, leadIds }) => {
      // Scores follow: enrichment may have filled a field an attribute rule reads.
      const enriched = await this.enrichment.enrich(tenantId, leadIds);
      const rescored = await this.scoring.rescore(tenantId, leadIds, 'lead changed');
      return { ...enriched, rescored: rescored.changed };
    },
    'snapshot-segment': (_data, job) => this.snapshots.take(job),
    'enrich-import': ({ tenantId, since }) => this.enrichment.fanOutChangedSince(tenantId, new Date(since)),
    'rescore-leads': (data, job) => {
      const work = () => this.scoring.rescore(data.tenantId, data.leadIds, data.reason);
      return data.trackingId ? this.jobs.track(job, work) : work();
    },
    'import-file-retention': ({ tenantId, at }) => this.importFiles.apply(tenantId, new Date(at)),
    'bulk-leads': (_data, job) => this.bulkLeads.run(job),
  };

  constructor(
    private readonly importLeads: ImportLeadsRunner,
    private readonly scoring: ScoringService,
    private readonly enrichment: EnrichmentService,
    private readonly jobs: JobsService,
    private readonly snapshots: SegmentSnapshotsService,
    private readonly importFiles: ImportFileRetentionService,
    private readonly bulkLeads: LeadBulkService,
  ) {
    super();
  }
}
