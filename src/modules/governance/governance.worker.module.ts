import { Module } from '@nestjs/common';
import { GovernanceModule } from './governance.module.js';
import { GovernanceCron } from './jobs/governance.cron.js';
import { GovernanceProcessor } from './jobs/governance.processor.js';

/** Governance's background work: loaded only in worker and all modes. */
@Module({
  imports: [GovernanceModule],
  providers: [GovernanceProcessor, GovernanceCron],
})
export class GovernanceWorkerModule {}
