import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { JobSchemas, JobsOf } from './job-processor.js';

/**
 * Queue names and the schema of each job's payload: the contract between API (enqueue) and
 * worker (process). Processors parse every payload against it before running a handler.
 */
export const QUEUES = {
  auth: 'auth',
  governance: 'governance',
  crm: 'crm',
  campaigns: 'campaigns',
  messages: 'messages',
} as const;

const id = z.guid();
const isoTime = z.iso.datetime({ offset: true });
/** Payload fields of a job a tenant follows through GET /jobs/:id. */
const tracked = { tenantId: id, trackingId: id };

export const AUTH_JOBS = {
  'purge-expired-tokens': z.object({}),
} satisfies JobSchemas;
export type AuthJobs = JobsOf<typeof AUTH_JOBS>;

export const CRM_JOBS = {
  'import-leads': z.object({ ...tracked, importId: id }),
  /** Enriches then rescores these leads (enrichment may fill fields that scoring rules read). */
  'enrich-leads': z.object({ tenantId: id, leadIds: z.array(id).max(10_000) }),
  /** After an import: every lead of the tenant created or changed since `since`, in enrich-leads chunks. */
  'enrich-import': z.object({ tenantId: id, since: isoTime }),
  /** Freezes a segment's members into a snapshot (tracked). */
  'snapshot-segment': z.object({ ...tracked, snapshotId: id }),
  /** Tracked (trackingId) when every lead is rescored after a rule change; not when events arrive. */
  'rescore-leads': z.object({ tenantId: id, trackingId: id.optional(), leadIds: z.array(id).max(10_000).nullable(), reason: z.string().max(200) }),
  /** A bulk action on every lead matching the list's filters as they were at `asOf` (tracked). */
  'bulk-leads': z.object({
    ...tracked,
    action: z.enum(['delete', 'restore', 'addTags', 'removeTags', 'update']),
    tags: z.array(z.string().max(100)).max(50).optional(),
    changes: z.record(z.string(), z.unknown()).optional(),
    matching: z.record(z.string(), z.unknown()),
    asOf: isoTime,
    /** Who asked: the audit entry written when the job is done names them. */
    actor: z.object({ type: z.enum(['user', 'api_key']), id: id, label: z.string().max(300) }),
  }),
  /** Deletes the tenant's lead import files past their retention, as of `at` (the cron's tick). */
  'import-file-retention': z.object({ tenantId: id, at: isoTime }),
} satisfies JobSchemas;
export type CrmJobs = JobsOf<typeof CRM_JOBS>;

export const GOVERNANCE_JOBS = {
  'audit-retention': z.object({ ...tracked, olderThanDays: z.number().int().min(1) }),
  'ensure-event-partitions': z.object({}),
} satisfies JobSchemas;
export type GovernanceJobs = JobsOf<typeof GOVERNANCE_JOBS>;

export const CAMPAIGN_JOBS = {
  /** Freezes the audience and admits it into the journey in keyset batches (tracked; resumes from its checkpoint). */
  'launch-campaign': z.object({ ...tracked, campaignId: id, runId: id }),
  /** One stepper pass over every running campaign's due enrollments, as of `at` (the tick's time). */
  'step-campaigns': z.object({ at: isoTime }),
  /** An action step's outgoing webhook, signed and retried. */
  'call-webhook': z.object({ tenantId: id, webhookCallId: id }),
  /** Running campaigns that admit late joiners take in the segment's new members, as of `at`. */
  'admit-late-joiners': z.object({ at: isoTime }),
} satisfies JobSchemas;
export type CampaignJobs = JobsOf<typeof CAMPAIGN_JOBS>;

export const MESSAGE_JOBS = {
  /** Renders and sends one transactional or test email (the job's id is the message's). */
  'send-message': z.object({ ...tracked, messageId: id }),
} satisfies JobSchemas;
export type MessageJobs = JobsOf<typeof MESSAGE_JOBS>;

const SCHEMAS_BY_QUEUE: Record<string, JobSchemas> = {
  [QUEUES.auth]: AUTH_JOBS,
  [QUEUES.crm]: CRM_JOBS,
  [QUEUES.governance]: GOVERNANCE_JOBS,
  [QUEUES.campaigns]: CAMPAIGN_JOBS,
  [QUEUES.messages]: MESSAGE_JOBS,
};

/** The payload `name` on `queue` must have, parsed (throws: a payload that does not fit is a bug where it is made). */
export function checkedPayload(queueName: string, name: string, data: unknown): unknown {
  const schema = SCHEMAS_BY_QUEUE[queueName]?.[name];
  if (!schema) throw new Error(`No job "${name}" on queue ${queueName}`);
  return schema.parse(data);
}

/** Adds a job once its payload fits its schema. */
export function addJob(queue: Queue, name: string, data: unknown, opts?: JobsOptions) {
  return queue.add(name, checkedPayload(queue.name, name, data), opts);
}

/** Jobs that repeat on a schedule get an id from their time slot, so two workers make one job (BullMQ ids may not contain ":"). */
export function slotJobId(name: string, everyMs: number, at: Date = new Date(), suffix = ''): string {
  return `${name}.${Math.floor(at.getTime() / everyMs)}${suffix ? `.${suffix}` : ''}`;
}
