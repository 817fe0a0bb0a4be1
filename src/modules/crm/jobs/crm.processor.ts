import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { ImportLeadsRunner } from '../imports/import-leads.runner.js';

@Processor(QUEUES.crm, { concurrency: 2, lockDuration: 60_000 })
export class CrmProcessor extends WorkerHost {
  constructor(private readonly importLeads: ImportLeadsRunner) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as keyof CrmJobs) {
      case 'import-leads':
        return this.importLeads.run(job as Job<CrmJobs['import-leads']>);
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${QUEUES.crm}`);
    }
  }
}
