import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

export type EnrollmentStatus = 'active' | 'waiting' | 'completed' | 'exited';

export interface ClaimedEnrollment {
  id: string;
  runId: string;
  leadId: string;
  stepId: string;
  status: EnrollmentStatus;
  variant: string | null;
  enteredAt: Date;
}

export interface EnrollmentMove {
  id: string;
  stepId: string | null;
  status: EnrollmentStatus;
  nextWakeAt: Date | null;
  variant: string | null;
}

export interface HistoryRow {
  enrollmentId: string;
  stepId: string;
  outcome: string;
  detail: Record<string, unknown> | null;
}

/** Runs, enrollments and their history: the engine's set-based SQL. */
@Injectable()
export class EnrollmentsRepository {
  createRun(tx: Tx, data: Prisma.CampaignRunUncheckedCreateInput) {
    return tx.campaignRun.create({ data });
  }

  findRun(tx: Tx, tenantId: string, id: string) {
    return tx.campaignRun.findFirst({ where: { tenantId, id } });
  }

  updateRun(tx: Tx, id: string, data: Prisma.CampaignRunUncheckedUpdateInput) {
    return tx.campaignRun.update({ where: { id }, data });
  }

  /** Admits a batch of leads at the entry step, due now; a lead already in the run is skipped. Returns how many were new. */
  admit(tx: Tx, tenantId: string, campaignId: string, runId: string, entryStepId: string, leadIds: string[], now: Date): Promise<number> {
    return tx.$executeRaw`
      INSERT INTO campaigns.enrollments (tenant_id, campaign_id, run_id, lead_id, step_id, status, next_wake_at, entered_at, updated_at)
      SELECT ${tenantId}::uuid, ${campaignId}::uuid, ${runId}::uuid, l, ${entryStepId}::uuid, 'active', ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
        FROM unnest(${leadIds}::uuid[]) AS l
      ON CONFLICT (tenant_id, run_id, lead_id) DO NOTHING`;
  }

  /**
   * The stepper's claim: up to `limit` enrollments of a campaign that are due, locked for this
   * transaction; rows another worker holds are skipped, never waited for or taken twice.
   */
  claimDue(tx: Tx, tenantId: string, campaignId: string, now: Date, limit: number) {
    return tx.$queryRaw<ClaimedEnrollment[]>`
      SELECT id, run_id AS "runId", lead_id AS "leadId", step_id AS "stepId", status::text AS status, variant, entered_at AS "enteredAt"
        FROM campaigns.enrollments
       WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND status IN ('active', 'waiting') AND next_wake_at <= ${now}::timestamptz
       ORDER BY next_wake_at
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
  }

  /** The campaign's status, its row share-locked so a pause or cancel waits for the batch in flight. */
  async campaignStatusShared(tx: Tx, tenantId: string, campaignId: string): Promise<string | undefined> {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM campaigns.campaigns WHERE tenant_id = ${tenantId}::uuid AND id = ${campaignId}::uuid FOR SHARE`;
    return rows[0]?.status;
  }

  move(tx: Tx, tenantId: string, moves: EnrollmentMove[], now: Date): Promise<number> {
    if (!moves.length) return Promise.resolve(0);
    return tx.$executeRaw`
      UPDATE campaigns.enrollments e SET step_id = m.step_id, status = m.status::campaigns.enrollment_status, next_wake_at = m.next_wake_at, variant = m.variant, updated_at = ${now}::timestamptz
        FROM unnest(${moves.map((m) => m.id)}::uuid[], ${moves.map((m) => m.stepId)}::uuid[], ${moves.map((m) => m.status)}::text[], ${moves.map((m) => m.nextWakeAt)}::timestamptz[], ${moves.map((m) => m.variant)}::text[])
             AS m(id, step_id, status, next_wake_at, variant)
       WHERE e.tenant_id = ${tenantId}::uuid AND e.id = m.id`;
  }

  history(tx: Tx, tenantId: string, rows: HistoryRow[], now: Date): Promise<number> {
    if (!rows.length) return Promise.resolve(0);
    return tx.$executeRaw`
      INSERT INTO campaigns.enrollment_steps (tenant_id, enrollment_id, step_id, at, outcome, detail)
      SELECT ${tenantId}::uuid, h.enrollment_id, h.step_id, ${now}::timestamptz, h.outcome, h.detail
        FROM unnest(${rows.map((r) => r.enrollmentId)}::uuid[], ${rows.map((r) => r.stepId)}::uuid[], ${rows.map((r) => r.outcome)}::text[], ${rows.map((r) => (r.detail ? JSON.stringify(r.detail) : null))}::jsonb[])
             AS h(enrollment_id, step_id, outcome, detail)`;
  }

  /** Records webhook calls to make; one per (enrollment, step) ever. Returns the ids of the new ones. */
  async webhookCalls(tx: Tx, tenantId: string, rows: { enrollmentId: string; stepId: string; body: Record<string, unknown> }[]): Promise<string[]> {
    if (!rows.length) return [];
    const created = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO campaigns.webhook_calls (tenant_id, enrollment_id, step_id, body)
      SELECT ${tenantId}::uuid, w.enrollment_id, w.step_id, w.body
        FROM unnest(${rows.map((r) => r.enrollmentId)}::uuid[], ${rows.map((r) => r.stepId)}::uuid[], ${rows.map((r) => JSON.stringify(r.body))}::jsonb[]) AS w(enrollment_id, step_id, body)
      ON CONFLICT (enrollment_id, step_id) DO NOTHING
      RETURNING id`;
    return created.map((r) => r.id);
  }

  findWebhookCall(tx: Tx, tenantId: string, id: string) {
    return tx.webhookCall.findFirst({ where: { tenantId, id } });
  }

  updateWebhookCall(tx: Tx, id: string, data: Prisma.WebhookCallUncheckedUpdateInput) {
    return tx.webhookCall.update({ where: { id }, data });
  }

  /** Whether any of the campaign's enrollments still has a step to run. */
  async hasUnfinished(tx: Tx, tenantId: string, campaignId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ one: number }[]>`
      SELECT 1 AS one FROM campaigns.enrollments WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND status IN ('active', 'waiting') LIMIT 1`;
    return rows.length > 0;
  }

  list(tx: Tx, tenantId: string, campaignId: string, q: { status?: EnrollmentStatus; leadId?: string; afterId?: string }, limit: number) {
    return tx.enrollment.findMany({
      where: { tenantId, campaignId, ...(q.status && { status: q.status }), ...(q.leadId && { leadId: q.leadId }), ...(q.afterId && { id: { gt: q.afterId } }) },
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
  }

  find(tx: Tx, tenantId: string, campaignId: string, id: string) {
    return tx.enrollment.findFirst({ where: { tenantId, campaignId, id } });
  }

  historyOf(tx: Tx, tenantId: string, enrollmentId: string) {
    return tx.enrollmentStep.findMany({ where: { tenantId, enrollmentId }, orderBy: { id: 'asc' }, take: 500 });
  }

  /** Across tenants (a SECURITY DEFINER function): running campaigns with enrollments due by `now`. */
  campaignsWithDue(tx: Tx, now: Date, limit: number) {
    return tx.$queryRaw<{ tenant_id: string; campaign_id: string }[]>`SELECT tenant_id, campaign_id FROM campaigns.campaigns_with_due_enrollments(${now}::timestamptz, ${limit}::int)`;
  }

  /** Across tenants (a SECURITY DEFINER function): admissions not finished, begun before `before`. */
  unfinishedAdmissions(tx: Tx, before: Date, limit: number) {
    return tx.$queryRaw<{ tenant_id: string; campaign_id: string; run_id: string; job_id: string }[]>`
      SELECT tenant_id, campaign_id, run_id, job_id FROM campaigns.unfinished_admissions(${before}::timestamptz, ${limit}::int)`;
  }

  /** Across tenants (a SECURITY DEFINER function): running campaigns admitting late joiners, with their run. */
  lateJoinerCampaigns(tx: Tx, limit: number) {
    return tx.$queryRaw<{ tenant_id: string; campaign_id: string; run_id: string }[]>`SELECT tenant_id, campaign_id, run_id FROM campaigns.late_joiner_campaigns(${limit}::int)`;
  }

  /** Across tenants (a SECURITY DEFINER function): webhook calls never tried, recorded before `before`. */
  untriedWebhookCalls(tx: Tx, before: Date, limit: number) {
    return tx.$queryRaw<{ tenant_id: string; id: string }[]>`SELECT tenant_id, id FROM campaigns.untried_webhook_calls(${before}::timestamptz, ${limit}::int)`;
  }

  /** Enrollments of a split's variant, for conversion rates (ids, lead and when they entered). */
  variantEnrollments(tx: Tx, tenantId: string, runId: string, afterId: string | null, limit: number) {
    return tx.$queryRaw<{ id: string; leadId: string; variant: string; enteredAt: Date }[]>`
      SELECT id, lead_id AS "leadId", variant, entered_at AS "enteredAt" FROM campaigns.enrollments
       WHERE tenant_id = ${tenantId}::uuid AND run_id = ${runId}::uuid AND variant IS NOT NULL AND (${afterId}::uuid IS NULL OR id > ${afterId}::uuid)
       ORDER BY id LIMIT ${limit}`;
  }
}
