import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { CrmModule } from '../crm/crm.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { LeadMessagesHistorySource } from './lead-messages.history-source.js';
import { LeadMessagesRepository } from './lead-messages.repository.js';
import { EmailComposer } from './templates/email-composer.js';
import { PersonalisationRepository } from './templates/personalisation.repository.js';
import { TemplateRenderer } from './templates/template-renderer.js';
import { TemplatesController } from './templates/templates.controller.js';
import { TemplatesRepository } from './templates/templates.repository.js';
import { TemplatesService } from './templates/templates.service.js';
import { TransactionalController } from './transactional/transactional.controller.js';
import { TransactionalService } from './transactional/transactional.service.js';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.campaigns }), CrmModule, ChannelsModule, GovernanceModule],
  controllers: [TemplatesController, TransactionalController],
  providers: [LeadMessagesRepository, LeadMessagesHistorySource, TemplatesRepository, TemplatesService, TemplateRenderer, PersonalisationRepository, EmailComposer, TransactionalService],
  exports: [EmailComposer],
})
export class CampaignsModule {}
