import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { addJob, QUEUES, slotJobId } from '../../../infra/queue/queues.js';

const HOUR = 3_600_000;

@Injectable()
export class AuthCron {
  constructor(@InjectQueue(QUEUES.auth) private readonly queue: Queue) {}

  /** Enqueues only; the slot id makes the job unique however many workers tick. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'purge-expired-tokens' })
  async purgeExpiredTokens(at: Date = new Date()): Promise<string> {
    const jobId = slotJobId('purge-expired-tokens', HOUR, at);
    await addJob(this.queue, 'purge-expired-tokens', {}, { jobId, removeOnComplete: 100, removeOnFail: 100 });
    return jobId;
  }
}
