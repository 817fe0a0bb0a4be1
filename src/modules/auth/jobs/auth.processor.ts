import { Processor } from '@nestjs/bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { JobProcessor, type JobHandlers } from '../../../infra/queue/job-processor.js';
import { AUTH_JOBS, QUEUES } from '../../../infra/queue/queues.js';
import { AuthRepository } from '../auth.repository.js';

/** Expired or revoked refresh tokens, reset links and invitations are kept this long for forensics. */
const KEEP_DAYS = 7;

@Processor(QUEUES.auth)
export class AuthProcessor extends JobProcessor<typeof AUTH_JOBS> {
  protected readonly schemas = AUTH_JOBS;
  protected readonly handlers: JobHandlers<typeof AUTH_JOBS> = {
    'purge-expired-tokens': async () => {
      const deleted = await this.prisma.scoped({}, (tx) => this.repo.purgeExpiredTokens(tx, KEEP_DAYS));
      this.jobLogger.log({ deleted }, 'purged expired tokens');
      return { deleted };
    },
  };

  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: AuthRepository,
  ) {
    super();
  }
}
