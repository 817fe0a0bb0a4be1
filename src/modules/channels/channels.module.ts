import { Module } from '@nestjs/common';
import { providerRegistry } from '../../infra/providers/provider-registry.js';
import { AuthModule } from '../auth/auth.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { ChannelMessagesRepository } from './messages/channel-messages.repository.js';
import { MessagesController } from './messages/messages.controller.js';
import { MessagesService } from './messages/messages.service.js';
import { CHANNEL_PROVIDERS, type ChannelProvider } from './providers/channel-provider.js';
import { SmtpProvider } from './providers/smtp.provider.js';
import { SendersController } from './senders/senders.controller.js';
import { SendersRepository } from './senders/senders.repository.js';
import { SendersService } from './senders/senders.service.js';
import { SuppressionsRepository } from './suppressions/suppressions.repository.js';
import { UnsubscribeTokens } from './unsubscribe/unsubscribe-tokens.js';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller.js';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service.js';

/**
 * Delivery on every channel: senders and their provider adapters, the messages table, the
 * suppression list and one-click unsubscribe. Campaigns send through MessagesService; this
 * module knows nothing of campaigns or templates.
 */
@Module({
  imports: [GovernanceModule, AuthModule],
  controllers: [SendersController, MessagesController, UnsubscribeController],
  providers: [
    SmtpProvider,
    providerRegistry<ChannelProvider>(CHANNEL_PROVIDERS, 'channel', [SmtpProvider]),
    SendersRepository,
    SendersService,
    SuppressionsRepository,
    ChannelMessagesRepository,
    MessagesService,
    UnsubscribeTokens,
    UnsubscribeService,
  ],
  exports: [MessagesService, SendersService],
})
export class ChannelsModule {}
