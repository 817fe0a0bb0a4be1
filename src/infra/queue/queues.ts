/** Queue names and their job payloads: the contract between API (enqueue) and worker (process). */
export const QUEUES = {
  auth: 'auth',
  governance: 'governance',
  crm: 'crm',
} as const;

export interface AuthJobs {
  'purge-expired-tokens': Record<string, never>;
}

export interface CrmJobs {
  'import-leads': { tenantId: string; trackingId: string; importId: string };
  /** Enriches then rescores these leads (enrichment may fill fields that scoring rules read). */
  'enrich-leads': { tenantId: string; leadIds: string[] };
  /** After an import: every lead of the tenant created or changed since `since` (ISO time), in enrich-leads chunks. */
  'enrich-import': { tenantId: string; since: string };
  /** Freezes a segment's members into a snapshot (tracked). */
  'snapshot-segment': { tenantId: string; trackingId: string; snapshotId: string };
  /** Tracked (trackingId) when every lead is rescored after a rule change; not when events arrive. */
  'rescore-leads': { tenantId: string; trackingId?: string; leadIds: string[] | null; reason: string };
  /** Deletes the tenant's lead import files past their retention, as of `at` (ISO time: the cron's tick). */
  'import-file-retention': { tenantId: string; at: string };
}

export interface GovernanceJobs {
  'audit-retention': { tenantId: string; trackingId: string; olderThanDays: number };
  'ensure-event-partitions': Record<string, never>;
}

/** Jobs that repeat on a schedule get an id from their time slot, so two workers make one job (BullMQ ids may not contain ":"). */
export function slotJobId(name: string, everyMs: number, at: Date = new Date(), suffix = ''): string {
  return `${name}.${Math.floor(at.getTime() / everyMs)}${suffix ? `.${suffix}` : ''}`;
}
