import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { SecretBox } from '../../../infra/crypto/secret-box.js';
import { OutboundHttp } from '../../../infra/http/outbound-http.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { addJob, type CampaignJobs } from '../../../infra/queue/queues.js';
import { CampaignsRepository } from '../campaigns.repository.js';
import { WEBHOOK_SECRET_PURPOSE, webhookSecretContext } from '../journeys/journeys.service.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes it with the shared secret and refuses old timestamps. */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Queues the call of a recorded webhook; its id makes it one job however often it is queued. */
export function queueWebhookCall(queue: Queue, tenantId: string, webhookCallId: string) {
  const data: CampaignJobs['call-webhook'] = { tenantId, webhookCallId };
  return addJob(queue, 'call-webhook', data, { jobId: `webhook.${webhookCallId}`, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 });
}

/**
 * An action step's webhook, called by a job after the stepper's transaction committed: a POST
 * of JSON signed with the step's secret (X-Lynara-Signature) and identified by X-Lynara-Delivery
 * (the same on every retry, for the receiver to drop repeats). A failure is retried by the
 * queue with backoff; each attempt's answer is kept on the call, and its end on the lead's history.
 */
@Injectable()
export class WebhookCallerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsRepository,
    private readonly repo: EnrollmentsRepository,
    private readonly http: OutboundHttp,
    private readonly box: SecretBox,
  ) {}

  async call(job: Job<CampaignJobs['call-webhook']>): Promise<{ status: number | null; delivered: boolean }> {
    const { tenantId, webhookCallId } = job.data;
    const prepared = await this.prisma.scoped({ tenantId }, async (tx) => {
      const call = await this.repo.findWebhookCall(tx, tenantId, webhookCallId);
      if (!call || call.deliveredAt) return null;
      const step = await this.campaigns.step(tx, tenantId, call.stepId);
      return { call, config: (step?.config ?? {}) as { url?: string; secretSealed?: string } };
    });
    if (!prepared) return { status: null, delivered: true };
    const { call, config } = prepared;
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let status: number | null = null;
    let error: string | null = null;
    if (!config.url || !config.secretSealed) error = 'the step no longer has a webhook';
    else {
      const body = JSON.stringify({ ...(call.body as object), deliveryId: call.id, sentAt: new Date().toISOString() });
      try {
        const secret = this.box.open(WEBHOOK_SECRET_PURPOSE, config.secretSealed, webhookSecretContext(tenantId));
        const res = await this.http.request({
          url: config.url,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-lynara-signature': webhookSignature(secret, body, new Date()), 'x-lynara-delivery': call.id },
          body,
          // The queue retries, with its backoff and a record of each attempt.
          retries: 0,
          timeoutMs: 10_000,
        });
        status = res.status;
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).message.slice(0, 500);
      }
    }
    const delivered = error === null;
    await this.prisma.scoped({ tenantId }, async (tx) => {
      await this.repo.updateWebhookCall(tx, call.id, { attempts: { increment: 1 }, responseStatus: status, error, ...(delivered && { deliveredAt: new Date() }) });
      if (delivered || finalAttempt) {
        await this.repo.history(tx, tenantId, [{ enrollmentId: call.enrollmentId, stepId: call.stepId, outcome: delivered ? 'webhook_delivered' : 'webhook_failed', detail: { status, error, attempts: call.attempts + 1 } }], new Date());
      }
    });
    if (!delivered) throw new Error(`webhook call failed: ${error}`);
    return { status, delivered };
  }
}
