import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { CampaignMessagesModule } from '../channels/campaign-messages/campaign-messages.module.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { CrmModule } from '../crm/crm.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { AdmissionService } from './engine/admission.service.js';
import { CompletionService } from './engine/completion.service.js';
import { EnrollmentsRepository } from './engine/enrollments.repository.js';
import { SplitWinnerService } from './engine/split-winner.service.js';
import { StepperService } from './engine/stepper.service.js';
import { WebhookCallerService } from './engine/webhook-caller.service.js';
import { EnrollmentsService } from './enrollments.service.js';
import { JourneysService } from './journeys/journeys.service.js';
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
  imports: [BullModule.registerQueue({ name: QUEUES.campaigns }, { name: QUEUES.messages }), CrmModule, AnalyticsModule, GovernanceModule, CampaignMessagesModule, ChannelsModule],
  controllers: [CampaignsController, TemplatesController, TransactionalController],
  providers: [
    LeadMessagesRepository,
    LeadMessagesHistorySource,
    CampaignsRepository,
    EnrollmentsRepository,
    CampaignsService,
    JourneysService,
    EnrollmentsService,
    CompletionService,
    SplitWinnerService,
    AdmissionService,
    StepperService,
    WebhookCallerService,
    TemplatesRepository,
    TemplatesService,
    TemplateRenderer,
    PersonalisationRepository,
    EmailComposer,
    TransactionalService,
  ],
  exports: [AdmissionService, StepperService, WebhookCallerService, EnrollmentsRepository, EmailComposer],
})
export class CampaignsModule {}
