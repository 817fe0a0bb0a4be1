import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { AuthCron } from './jobs/auth.cron.js';
import { AuthRepository } from './auth.repository.js';
import { AuthProcessor } from './jobs/auth.processor.js';

/** Auth's background work: loaded only in worker and all modes. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.auth })],
  providers: [AuthRepository, AuthProcessor, AuthCron],
})
export class AuthWorkerModule {}
