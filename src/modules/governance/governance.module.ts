import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuditLogController } from './audit-log.controller.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { AuditLogService } from './audit-log.service.js';
import { JobsController } from './jobs/jobs.controller.js';
import { JobsRepository } from './jobs/jobs.repository.js';
import { JobsService } from './jobs/jobs.service.js';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.governance })],
  controllers: [ApiKeysController, AuditLogController, JobsController],
  providers: [ApiKeysRepository, ApiKeysService, AuditLogRepository, AuditLogService, JobsRepository, JobsService],
  exports: [ApiKeysService, AuditLogService, JobsService, BullModule],
})
export class GovernanceModule {}
