import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MessagesService } from '../../channels/messages/messages.service.js';
import { TemplatesError } from '../templates/templates.errors.js';
import { EmailComposer } from '../templates/email-composer.js';
import type { MessagePayload } from './transactional.service.js';

/** A temporary refusal with attempts left: BullMQ retries the job after its backoff. */
export class RetryLater extends Error {}

/**
 * The worker's side of a transactional or test send: claim the message, render it for its
 * recipient, deliver it (suppression and consent checked there), and settle its status.
 */
@Injectable()
export class SendMessageRunner {
  constructor(
    private readonly messages: MessagesService,
    private readonly composer: EmailComposer,
  ) {}

  async run(job: Job, tenantId: string, messageId: string) {
    const message = await this.messages.claim(tenantId, messageId);
    if (!message) return { skipped: 'already settled' };
    const payload = (message.payload ?? {}) as unknown as MessagePayload;
    let composed;
    try {
      composed = await this.composer.compose(tenantId, {
        templateId: payload.templateId,
        leadId: message.kind === 'test' ? (payload.personaliseLeadId ?? null) : message.leadId,
        messageId: message.id,
        to: message.toAddress,
        data: payload.data,
      });
    } catch (err) {
      // The template or lead was deleted after the request: nothing to send, said so on the message.
      if (!(err instanceof TemplatesError)) throw err;
      await this.messages.fail(tenantId, message.id, `${err.code.toLowerCase()}: ${err.message}`);
      return { status: 'failed' };
    }
    const consentDenied = message.kind === 'transactional' && composed.lead?.emailConsent === 'denied';
    const result = await this.messages.deliverEmail(tenantId, message, composed.email, { consentDenied });
    if (result.status !== 'temporary') return result;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) {
      await this.messages.fail(tenantId, message.id, `${result.reason} (after ${attempts} attempts)`);
      return { status: 'failed', reason: result.reason };
    }
    const delay = typeof job.opts.backoff === 'object' ? (job.opts.backoff.delay ?? 1000) : 1000;
    await this.messages.retryLater(tenantId, message.id, result.reason, new Date(Date.now() + delay * 2 ** job.attemptsMade));
    throw new RetryLater(result.reason);
  }
}
