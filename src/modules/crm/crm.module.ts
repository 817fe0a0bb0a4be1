import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CustomFieldsController } from './custom-fields/custom-fields.controller.js';
import { CustomFieldsRepository } from './custom-fields/custom-fields.repository.js';
import { CustomFieldsService } from './custom-fields/custom-fields.service.js';
import { EventIngestionService } from './event-ingestion.service.js';
import { EventsController } from './events.controller.js';
import { LeadInputNormaliser } from './lead-input.normaliser.js';
import { LeadsController } from './leads.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsService } from './leads.service.js';

@Module({
  imports: [GovernanceModule, AuthModule, AnalyticsModule, CampaignsModule, ConversationsModule],
  controllers: [LeadsController, CustomFieldsController, EventsController],
  providers: [EventIngestionService, LeadsRepository, LeadsService, LeadInputNormaliser, CustomFieldsRepository, CustomFieldsService],
  exports: [LeadsService, CustomFieldsService],
})
export class CrmModule {}
