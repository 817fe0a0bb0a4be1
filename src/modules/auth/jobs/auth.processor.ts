import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { type AuthJobs, QUEUES } from '../../../infra/queue/queues.js';

/** Expired or revoked refresh tokens, reset links and invitations are kept this long for forensics. */
const KEEP_DAYS = 7;

@Processor(QUEUES.auth)
export class AuthProcessor extends WorkerHost {
  private readonly logger = new Logger(AuthProcessor.name);

  constructor(private readonly prisma: PrismaService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as keyof AuthJobs) {
      case 'purge-expired-tokens': {
        const rows = await this.prisma.scoped({}, (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT auth.purge_expired_tokens(make_interval(days => ${KEEP_DAYS}::int)) AS n`);
        const deleted = Number(rows[0]?.n ?? 0);
        this.logger.log({ deleted }, 'purged expired tokens');
        return { deleted };
      }
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${QUEUES.auth}`);
    }
  }
}
