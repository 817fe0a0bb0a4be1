import { Processor } from '@nestjs/bullmq';
import { workerLockMs } from '../../../config/config.js';
import { JobProcessor, type JobHandlers } from '../../../infra/queue/job-processor.js';
import { CAMPAIGN_JOBS, QUEUES } from '../../../infra/queue/queues.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { AdmissionService } from '../engine/admission.service.js';
import { EnrollmentsRepository } from '../engine/enrollments.repository.js';
import { StepperService } from '../engine/stepper.service.js';
import { WebhookCallerService } from '../engine/webhook-caller.service.js';

const LOCK_MS = workerLockMs();

// Admission checkpoints every batch, so a stalled launch job handed to another worker resumes;
// stepper passes are transactions per batch, so a pass cut short loses nothing.
@Processor(QUEUES.campaigns, { concurrency: 4, lockDuration: LOCK_MS, stalledInterval: Math.min(30_000, LOCK_MS / 2) })
export class CampaignsProcessor extends JobProcessor<typeof CAMPAIGN_JOBS> {
  protected readonly schemas = CAMPAIGN_JOBS;
  protected readonly handlers: JobHandlers<typeof CAMPAIGN_JOBS> = {
    'launch-campaign': (_data, job) => this.admission.run(job),
    'step-campaigns': ({ at }) => this.stepper.tick(new Date(Math.max(Date.parse(at), Date.now()))),
    'call-webhook': (_data, job) => this.webhooks.call(job),
    'admit-late-joiners': async () => {
      const campaigns = await this.prisma.scoped({}, (tx) => this.enrollments.lateJoinerCampaigns(tx, 500));
      let admitted = 0;
      for (const c of campaigns) admitted += await this.admission.admitLateJoiners(c.tenant_id, c.campaign_id, c.run_id);
      return { campaigns: campaigns.length, admitted };
    },
  };

  constructor(
    private readonly admission: AdmissionService,
    private readonly stepper: StepperService,
    private readonly webhooks: WebhookCallerService,
    private readonly prisma: PrismaService,
    private readonly enrollments: EnrollmentsRepository,
  ) {
    super();
  }
}
