import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import type { ProviderRegistry } from '../../../infra/providers/provider-registry.js';
import { ChannelsError } from '../channels.errors.js';
import { CHANNEL_PROVIDERS, type ChannelProvider, type EmailProvider } from '../providers/channel-provider.js';
import { domainOf, SendersService } from '../senders/senders.service.js';
import { SuppressionsRepository } from '../suppressions/suppressions.repository.js';
import { UnsubscribeService } from '../unsubscribe/unsubscribe.service.js';
import { ChannelMessagesRepository, type MessageRow } from './channel-messages.repository.js';
import type { MessageDto } from './message.dto.js';

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** What became of one send: final, or worth another attempt later. */
export type DeliveryResult = { status: 'sent' | 'failed' | 'suppressed'; reason: string | null } | { status: 'temporary'; reason: string };

const WORKER = `${hostname()}:${process.pid}`;

/**
 * channels.channel_messages for the modules that send: a row per message, claimed before the
 * provider call and settled after it, so a crash leaves a trace and never a silent duplicate.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: ChannelMessagesRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly senders: SendersService,
    private readonly unsubscribe: UnsubscribeService,
    @Inject(CHANNEL_PROVIDERS) private readonly providers: ProviderRegistry<ChannelProvider>,
  ) {}

  async get(tenantId: string, id: string): Promise<MessageDto> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw new ChannelsError('MESSAGE_NOT_FOUND', 'No such message.');
    return toMessageDto(row);
  }

  /**
   * A transactional or test email, in the caller's transaction (which also queues its job). A
   * transactional one carries its Idempotency-Key and request hash (unique per tenant).
   */
  createIn(tx: Tx, tenantId: string, m: { kind: 'transactional' | 'test'; idempotencyKey?: string; requestHash?: string; leadId: string | null; senderId: string | null; to: string; payload: Prisma.InputJsonValue }) {
    return this.repo.create(tx, {
      tenantId,
      kind: m.kind,
      channel: 'email',
      leadId: m.leadId,
      senderId: m.senderId,
      toAddress: m.to.toLowerCase(),
      countsTowardCap: false,
      payload: m.payload,
      idempotencyKey: m.idempotencyKey ?? null,
      requestHash: m.requestHash ?? null,
    });
  }

  findByIdempotencyKeyIn(tx: Tx, tenantId: string, key: string) {
    return this.repo.findByIdempotencyKey(tx, tenantId, key);
  }

  /** Takes a message for sending; null when it is already settled (sent, failed, suppressed, cancelled). */
  claim(tenantId: string, id: string): Promise<MessageRow | null> {
    return this.prisma.scoped({ tenantId }, (tx) => this.repo.claim(tx, tenantId, id, WORKER));
  }

  /** The link for {{unsubscribe_url}} and the List-Unsubscribe header. */
  unsubscribeUrl(tenantId: string, messageId: string): string {
    return this.unsubscribe.url(tenantId, messageId);
  }

  /**
   * Sends a claimed email: refused when the address is suppressed or the lead denied email
   * consent; otherwise signed with its sender's DKIM key, with a Message-ID derived from the
   * message id (a resend after a crash carries the same one) and RFC 8058 one-click headers.
   * Writes the outcome, except a temporary refusal, which `retryLater` or `fail` settles.
   */
  async deliverEmail(tenantId: string, message: MessageRow, content: EmailContent, opts: { consentDenied?: boolean } = {}): Promise<DeliveryResult> {
    const payload = { ...((message.payload as Record<string, unknown> | null) ?? {}), subject: content.subject } as Prisma.InputJsonValue;
    const suppressed = await this.prisma.scoped({ tenantId }, (tx) => this.suppressions.reasonFor(tx, tenantId, 'email', message.toAddress));
    const refusal = suppressed ? `suppressed: ${suppressed}` : opts.consentDenied ? 'consent_denied: the lead refused email' : null;
    if (refusal) {
      await this.settle(tenantId, message.id, { status: 'suppressed', statusReason: refusal, payload });
      return { status: 'suppressed', reason: refusal };
    }
    let sender;
    try {
      sender = await this.senders.open(tenantId, message.senderId);
    } catch (err) {
      if (!(err instanceof ChannelsError)) throw err;
      const reason = `no_sender: ${err.message}`;
      await this.settle(tenantId, message.id, { status: 'failed', statusReason: reason, failedAt: new Date(), payload });
      return { status: 'failed', reason };
    }
    const messageId = `<${message.id}@${domainOf(sender.from.address)}>`;
    const unsubscribe = this.unsubscribeUrl(tenantId, message.id);
    const provider = this.providers.get('smtp') as EmailProvider;
    const outcome = await provider.send(sender.account, {
      messageId,
      from: sender.from,
      replyTo: sender.replyTo,
      to: message.toAddress,
      subject: content.subject,
      html: content.html,
      text: content.text,
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    if (outcome.outcome === 'accepted') {
      await this.settle(tenantId, message.id, { status: 'sent', statusReason: null, sentAt: new Date(), provider: provider.name, providerMessageId: messageId, senderId: sender.id, payload });
      return { status: 'sent', reason: null };
    }
    if (outcome.outcome === 'permanent') {
      await this.settle(tenantId, message.id, { status: 'failed', statusReason: outcome.reason, failedAt: new Date(), provider: provider.name, senderId: sender.id, payload });
      return { status: 'failed', reason: outcome.reason };
    }
    return { status: 'temporary', reason: outcome.reason };
  }

  /** A temporary refusal with attempts left: queued again, the reason kept for GET /messages/:id. */
  retryLater(tenantId: string, id: string, reason: string, at: Date): Promise<boolean> {
    return this.settle(tenantId, id, { status: 'queued', statusReason: reason, nextAttemptAt: at });
  }

  fail(tenantId: string, id: string, reason: string): Promise<boolean> {
    return this.settle(tenantId, id, { status: 'failed', statusReason: reason, failedAt: new Date() });
  }

  private settle(tenantId: string, id: string, data: Prisma.ChannelMessageUncheckedUpdateManyInput): Promise<boolean> {
    return this.prisma.scoped({ tenantId }, (tx) => this.repo.settle(tx, tenantId, id, data));
  }
}

export function toMessageDto(r: MessageRow): MessageDto {
  const payload = (r.payload as Record<string, unknown> | null) ?? {};
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    statusReason: r.statusReason,
    attempts: r.attempts,
    to: r.toAddress,
    leadId: r.leadId,
    senderId: r.senderId,
    subject: typeof payload.subject === 'string' ? payload.subject : null,
    providerMessageId: r.providerMessageId,
    sentAt: r.sentAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
