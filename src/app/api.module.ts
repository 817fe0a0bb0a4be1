import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter.js';
import { createValidationPipe } from '../common/errors/validation.js';
import { RawBodyParsers } from '../common/http/raw-body.js';
import { AuthModule } from '../modules/auth/auth.module.js';
import { CampaignsModule } from '../modules/campaigns/campaigns.module.js';
import { ChannelsModule } from '../modules/channels/channels.module.js';
import { ConversationsModule } from '../modules/conversations/conversations.module.js';
import { CrmModule } from '../modules/crm/crm.module.js';
import { EntitiesModule } from '../modules/entities/entities.module.js';
import { GovernanceModule } from '../modules/governance/governance.module.js';
import { HealthModule } from '../modules/health/health.module.js';

/** HTTP: controllers, the global auth guard (in AuthModule), validation and the problem filter. */
@Module({
  imports: [HealthModule, AuthModule, GovernanceModule, CrmModule, EntitiesModule, ChannelsModule, CampaignsModule, ConversationsModule],
  providers: [
    RawBodyParsers,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class ApiModule {}
