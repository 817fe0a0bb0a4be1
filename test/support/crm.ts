import type pg from 'pg';
import type { Session, TestApp } from './app.js';

/** Creates a lead through the API and expects 201. */
export async function createLead(app: TestApp, s: Session, body: Record<string, unknown>): Promise<any> {
  const res = await app.request('POST', '/leads', { token: s.accessToken, body });
  if (res.status !== 201) throw new Error(`create lead failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Defines a custom field through the API and expects 201. */
export async function createField(app: TestApp, s: Session, body: Record<string, unknown>): Promise<any> {
  const res = await app.request('POST', '/custom-fields', { token: s.accessToken, body });
  if (res.status !== 201) throw new Error(`create custom field failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** One lead row as stored (owner connection), for before/after comparisons. */
export async function leadRow(db: pg.Client, id: string): Promise<Record<string, any>> {
  const res = await db.query('SELECT * FROM crm.leads WHERE id = $1', [id]);
  return res.rows[0];
}

export async function leadRows(db: pg.Client, ids: string[]): Promise<Record<string, any>[]> {
  const res = await db.query('SELECT * FROM crm.leads WHERE id = ANY($1::uuid[]) ORDER BY id', [ids]);
  return res.rows;
}

/** Inserts one lead as the owner role with arbitrary columns (snake_case): its id. */
export async function insertLead(db: pg.Client, tenantId: string, cols: Record<string, unknown>): Promise<string> {
  const names = ['tenant_id', ...Object.keys(cols)];
  const values = [tenantId, ...Object.values(cols)];
  const res = await db.query<{ id: string }>(
    `INSERT INTO crm.leads (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  );
  return res.rows[0]!.id;
}

export async function insertEvent(db: pg.Client, tenantId: string, leadId: string, type: string, at: Date, properties: object = {}): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO analytics.events (tenant_id, occurred_at, type, lead_id, properties) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenantId, at, type, leadId, JSON.stringify(properties)],
  );
  return res.rows[0]!.id;
}

/** A campaign with `n` send steps: the step ids. */
export async function insertCampaign(db: pg.Client, tenantId: string, n: number): Promise<{ campaignId: string; stepIds: string[] }> {
  const c = await db.query<{ id: string }>(`INSERT INTO campaigns.campaigns (tenant_id, name) VALUES ($1, 'Merge test campaign') RETURNING id`, [tenantId]);
  const campaignId = c.rows[0]!.id;
  const stepIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = await db.query<{ id: string }>(
      `INSERT INTO campaigns.campaign_steps (tenant_id, campaign_id, key, position, kind, channel, name) VALUES ($1, $2, $5, $3, 'send', 'email', $4) RETURNING id`,
      [tenantId, campaignId, i, `Step ${i}`, `step-${i}`],
    );
    stepIds.push(s.rows[0]!.id);
  }
  return { campaignId, stepIds };
}

export async function insertMessage(
  db: pg.Client,
  tenantId: string,
  leadId: string,
  opts: { campaignId?: string | null; stepId?: string | null; at?: Date; subject?: string } = {},
): Promise<string> {
  // A campaign message (one run: the campaign's id stands in for it), or a transactional one.
  const res = await db.query<{ id: string }>(
    `INSERT INTO channels.channel_messages (tenant_id, kind, campaign_id, run_id, step_id, lead_id, channel, to_address, payload, created_at)
     VALUES ($1, CASE WHEN $2::uuid IS NULL THEN 'transactional' ELSE 'campaign' END::channels.message_kind, $2, $2, $3, $4, 'email', 'someone@example.test', jsonb_build_object('subject', $5::text), $6)
     RETURNING id`,
    [tenantId, opts.campaignId ?? null, opts.stepId ?? null, leadId, opts.subject ?? 'Hello', opts.at ?? new Date()],
  );
  return res.rows[0]!.id;
}

export async function insertInbox(db: pg.Client, tenantId: string, leadId: string): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO conversations.inbox_messages (tenant_id, lead_id, channel, direction, thread_key, body) VALUES ($1, $2, 'email', 'inbound', 't-' || gen_random_uuid(), 'Bonjour') RETURNING id`,
    [tenantId, leadId],
  );
  return res.rows[0]!.id;
}

export async function insertScore(db: pg.Client, tenantId: string, leadId: string, score: number, delta: number, at: Date = new Date(), reason = 'rule'): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO crm.lead_scores (tenant_id, lead_id, score, delta, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [tenantId, leadId, score, delta, reason, at],
  );
  return res.rows[0]!.id;
}

export async function insertNote(db: pg.Client, tenantId: string, leadId: string, body: string, at: Date = new Date()): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO crm.lead_notes (tenant_id, lead_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenantId, leadId, body, at],
  );
  return res.rows[0]!.id;
}

/** Audit actions recorded for an entity, oldest first. */
export async function auditActions(db: pg.Client, tenantId: string, entityId: string): Promise<string[]> {
  const res = await db.query<{ action: string }>(
    `SELECT action FROM governance.audit_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY occurred_at, id`,
    [tenantId, entityId],
  );
  return res.rows.map((r) => r.action);
}

export const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((l) => l.id);
