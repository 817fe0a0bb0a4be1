import { Processor } from '@nestjs/bullmq';
import { JobProcessor, type JobHandlers } from '../../../infra/queue/job-processor.js';
import { MESSAGE_JOBS, QUEUES } from '../../../infra/queue/queues.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { SendMessageRunner } from '../transactional/send-message.runner.js';

// Transactional and test sends, on a queue of their own so they never wait behind a campaign's
// launch; they spend their time waiting on SMTP servers: many at once per worker.
@Processor(QUEUES.messages, { concurrency: 20 })
export class MessagesProcessor extends JobProcessor<typeof MESSAGE_JOBS> {
  protected readonly schemas = MESSAGE_JOBS;
  protected readonly handlers: JobHandlers<typeof MESSAGE_JOBS> = {
    'send-message': (data, job) => this.jobs.track(job, () => this.sendMessage.run(job, data.tenantId, data.messageId)),
  };

  constructor(
    private readonly jobs: JobsService,
    private readonly sendMessage: SendMessageRunner,
  ) {
    super();
  }
}
