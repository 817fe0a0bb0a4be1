import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Actor } from '../../../common/auth/actor.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { type MessageJobs, QUEUES } from '../../../infra/queue/queues.js';
import type { MessageDto } from '../../channels/messages/message.dto.js';
import { MessagesService, toMessageDto } from '../../channels/messages/messages.service.js';
import { SendersService } from '../../channels/senders/senders.service.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { TemplatesError } from '../templates/templates.errors.js';
import { PersonalisationRepository } from '../templates/personalisation.repository.js';
import { TemplatesRepository } from '../templates/templates.repository.js';
import type { TransactionalSendDto } from './transactional.dto.js';

/** Attempts of one send, backing off 1 s, 2 s, 4 s, 8 s, 16 s between temporary refusals. */
export const SEND_ATTEMPTS = 6;
export const SEND_BACKOFF_MS = 1000;
const DATA_MAX_BYTES = 32 * 1024;
const KEY = /^[\x21-\x7e]{1,200}$/;

export interface MessagePayload {
  templateId: string;
  data?: Record<string, unknown>;
  /** Whose fields personalise a test send (it goes to the member). */
  personaliseLeadId?: string;
}

/**
 * One templated email to one lead or address, now: the message row and its job commit together
 * (the job is queued after the commit), the worker renders and sends. An Idempotency-Key makes
 * retries of the request safe: the same key and body answer the first message, and it is sent once.
 */
@Injectable()
export class TransactionalService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly messages: MessagesService,
    private readonly senders: SendersService,
    private readonly templates: TemplatesRepository,
    private readonly people: PersonalisationRepository,
    private readonly jobs: JobsService,
    private readonly audit: AuditLogService,
    @InjectQueue(QUEUES.messages) private readonly queue: Queue,
  ) {}

  async send(tenantId: string, idempotencyKey: string | undefined, dto: TransactionalSendDto): Promise<{ message: MessageDto; replayed: boolean }> {
    if (!idempotencyKey || !KEY.test(idempotencyKey)) {
      throw new TemplatesError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (1 to 200 printable characters, e.g. a UUID) so a retried request never sends twice.', [
        { field: 'Idempotency-Key', code: 'required', message: 'the Idempotency-Key header is required' },
      ]);
    }
    if (Boolean(dto.leadId) === Boolean(dto.to)) {
      throw new TemplatesError('RECIPIENT_INVALID', 'Give exactly one of leadId and to.', [{ field: dto.leadId ? 'to' : 'leadId', code: 'exclusive', message: 'exactly one of leadId and to' }]);
    }
    if (dto.data && Buffer.byteLength(JSON.stringify(dto.data)) > DATA_MAX_BYTES) {
      throw new TemplatesError('RECIPIENT_INVALID', 'data is larger than 32 KB.', [{ field: 'data', code: 'too_large', message: 'at most 32 KB' }]);
    }
    const requestHash = createHash('sha256')
      .update(JSON.stringify([dto.templateId, dto.leadId ?? null, dto.to?.toLowerCase() ?? null, dto.data ?? null, dto.senderId ?? null]))
      .digest('hex');
    try {
      return await this.prisma.scoped({ tenantId }, async (tx) => {
        const replay = await this.replayed(tx, tenantId, idempotencyKey, requestHash);
        if (replay) return { message: replay, replayed: true };
        const to = await this.recipient(tx, tenantId, dto);
        const created = await this.enqueue(tx, tenantId, { kind: 'transactional', idempotencyKey, requestHash, leadId: dto.leadId ?? null, senderId: dto.senderId ?? null, to, payload: { templateId: dto.templateId, data: dto.data } });
        return { message: created, replayed: false };
      });
    } catch (err) {
      // Two requests with one key at once: the second insert hit the unique key; answer the first.
      if ((err as { code?: string }).code !== 'P2002') throw err;
      const replay = await this.prisma.scoped({ tenantId }, (tx) => this.replayed(tx, tenantId, idempotencyKey, requestHash));
      if (!replay) throw err;
      return { message: replay, replayed: true };
    }
  }

  /** The template, rendered for a lead (or with empty fields), to the member asking. */
  async testSend(tenantId: string, actor: Actor, templateId: string, opts: { senderId?: string; leadId?: string }): Promise<MessageDto> {
    const to = await this.senders.memberEmail(tenantId, actor);
    if (opts.senderId) await this.senders.get(tenantId, opts.senderId);
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (!(await this.templates.find(tx, tenantId, templateId))) throw new TemplatesError('TEMPLATE_NOT_FOUND', 'No such template.');
      if (opts.leadId && !(await this.people.lead(tx, tenantId, opts.leadId))) throw new TemplatesError('LEAD_NOT_FOUND', 'No such lead.');
      const message = await this.enqueue(tx, tenantId, { kind: 'test', leadId: null, senderId: opts.senderId ?? null, to, payload: { templateId, personaliseLeadId: opts.leadId } });
      await this.audit.record(tx, tenantId, { action: 'template.test_sent', entityType: 'email_template', entityId: templateId, metadata: { to } });
      return message;
    });
  }

  private async replayed(tx: Tx, tenantId: string, key: string, requestHash: string): Promise<MessageDto | null> {
    const existing = await this.messages.findByIdempotencyKeyIn(tx, tenantId, key);
    if (!existing) return null;
    if (existing.requestHash !== requestHash) {
      throw new TemplatesError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request: use a new key for a new email.');
    }
    return toMessageDto(existing);
  }

  private async recipient(tx: Tx, tenantId: string, dto: TransactionalSendDto): Promise<string> {
    if (!(await this.templates.find(tx, tenantId, dto.templateId))) throw new TemplatesError('TEMPLATE_NOT_FOUND', 'No such template.');
    if (dto.senderId && !(await this.senders.existsIn(tx, tenantId, dto.senderId))) throw new TemplatesError('RECIPIENT_INVALID', 'No such sender.', [{ field: 'senderId', code: 'not_found', message: 'no such sender' }]);
    if (!dto.leadId) return dto.to!;
    const lead = await this.people.lead(tx, tenantId, dto.leadId);
    if (!lead) throw new TemplatesError('LEAD_NOT_FOUND', 'No such lead.');
    if (!lead.email) throw new TemplatesError('RECIPIENT_INVALID', 'This lead has no email address.', [{ field: 'leadId', code: 'no_email', message: 'the lead has no email address' }]);
    return lead.email;
  }

  private async enqueue(
    tx: Tx,
    tenantId: string,
    m: { kind: 'transactional' | 'test'; idempotencyKey?: string; requestHash?: string; leadId: string | null; senderId: string | null; to: string; payload: MessagePayload },
  ): Promise<MessageDto> {
    const row = await this.messages.createIn(tx, tenantId, { ...m, payload: m.payload as unknown as Prisma.InputJsonValue });
    // The job's id is the message's: queued twice (the reconciler), it is still one job.
    await this.jobs.enqueueIn<MessageJobs['send-message']>(tx, this.queue, 'send-message', { tenantId, messageId: row.id }, { trackingId: row.id, bull: { attempts: SEND_ATTEMPTS, backoff: { type: 'exponential', delay: SEND_BACKOFF_MS } } });
    return toMessageDto(row);
  }
}
