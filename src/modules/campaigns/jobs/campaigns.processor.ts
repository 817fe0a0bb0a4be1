import { Processor } from '@nestjs/bullmq';
import { JobProcessor, type JobHandlers } from '../../../infra/queue/job-processor.js';
import { CAMPAIGNS_JOBS, QUEUES } from '../../../infra/queue/queues.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { SendMessageRunner } from '../transactional/send-message.runner.js';

// Sends spend their time waiting on SMTP servers: many at once per worker.
@Processor(QUEUES.campaigns, { concurrency: 20 })
export class CampaignsProcessor extends JobProcessor<typeof CAMPAIGNS_JOBS> {
  protected readonly schemas = CAMPAIGNS_JOBS;
  protected readonly handlers: JobHandlers<typeof CAMPAIGNS_JOBS> = {
    'send-message': (data, job) => this.jobs.track(job, () => this.sendMessage.run(job, data.tenantId, data.messageId)),
  };

  constructor(
    private readonly jobs: JobsService,
    private readonly sendMessage: SendMessageRunner,
  ) {
    super();
  }
}
