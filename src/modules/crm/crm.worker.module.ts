import { Module } from '@nestjs/common';
import { GovernanceModule } from '../governance/governance.module.js';
import { CrmModule } from './crm.module.js';
import { ImportLeadsRunner } from './imports/import-leads.runner.js';
import { CrmProcessor } from './jobs/crm.processor.js';

/** CRM's background work (lead imports): loaded only in worker and all modes. */
@Module({
  imports: [CrmModule, GovernanceModule],
  providers: [ImportLeadsRunner, CrmProcessor],
})
export class CrmWorkerModule {}
