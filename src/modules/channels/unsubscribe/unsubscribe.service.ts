import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { ChannelsError } from '../channels.errors.js';
import { ChannelMessagesRepository } from '../messages/channel-messages.repository.js';
import { SuppressionsRepository } from '../suppressions/suppressions.repository.js';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

/** RFC 8058 one-click unsubscribe: links signed per message, a POST that suppresses the address. */
@Injectable()
export class UnsubscribeService {
  private readonly base: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly tokens: UnsubscribeTokens,
    private readonly messages: ChannelMessagesRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly audit: AuditLogService,
  ) {
    this.base = (config.PUBLIC_API_URL ?? `${config.WEB_URL.replace(/\/$/, '')}/api`).replace(/\/$/, '');
  }

  /** The https link for a message's List-Unsubscribe header and its {{unsubscribe_url}}. */
  url(tenantId: string, messageId: string): string {
    return `${this.base}/u/${this.tokens.sign(tenantId, messageId)}`;
  }

  /** The address a token unsubscribes (for the confirmation page); throws when the token is not valid. */
  async address(token: string): Promise<string> {
    const { tenantId, messageId } = this.verified(token);
    const message = await this.prisma.scoped({ tenantId }, (tx) => this.messages.find(tx, tenantId, messageId));
    if (!message) throw invalid();
    return message.toAddress;
  }

  /** Suppresses the message's address on its channel (idempotent: a second click changes nothing). */
  async unsubscribe(token: string): Promise<string> {
    const { tenantId, messageId } = this.verified(token);
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const message = await this.messages.find(tx, tenantId, messageId);
      if (!message) throw invalid();
      await this.suppressions.add(tx, tenantId, { channel: message.channel, address: message.toAddress, reason: 'unsubscribe', sourceMessageId: message.id });
      const first = (await this.messages.markUnsubscribed(tx, tenantId, message.id)).count > 0;
      if (first) {
        await this.audit.record(tx, tenantId, {
          action: 'suppression.unsubscribed',
          entityType: 'message',
          entityId: message.id,
          metadata: { name: message.toAddress, channel: message.channel },
          actor: { type: 'system', label: 'unsubscribe link' },
        });
      }
      return message.toAddress;
    });
  }

  private verified(token: string) {
    const named = this.tokens.verify(token);
    if (!named) throw invalid();
    return named;
  }
}

const invalid = () => new ChannelsError('UNSUBSCRIBE_TOKEN_INVALID', 'This unsubscribe link is not valid.');
