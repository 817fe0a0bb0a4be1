import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { CampaignsCron } from '../src/modules/campaigns/jobs/campaigns.cron.js';
import { AdmissionService } from '../src/modules/campaigns/engine/admission.service.js';
import { StepperService } from '../src/modules/campaigns/engine/stepper.service.js';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { insertEvent } from './support/crm.js';
import { insertLeads, ownerClient } from './support/db.js';
import { REDIS_URL } from './support/env.js';
import { waitFor } from './support/wait.js';

const TEMPLATE = '0190a0a0-0000-7000-8000-00000000000a';
const HOUR = 3_600_000;
const SECRET = 'shared-secret-of-the-receiver';

interface Received {
  body: string;
  signature: string;
  delivery: string;
}

describe('campaign launch and the journey stepper', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  let stepper: StepperService;
  let hooks: Server;
  let hookUrl: string;
  const received: Received[] = [];
  let failNext = 0;
  let segments = 0;

  const ok = (res: Res, status = 200) => {
    if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, s: Session = a) => app.request(method, url, { token: s.accessToken, body });
  const count = async (sql: string, params: unknown[]) => (await owner.query<{ n: number }>(sql, params)).rows[0]!.n;

  /** A segment of the leads carrying `tag`, a campaign on it with this journey, launched; resolves once admitted. */
  async function launched(tag: string, journey: unknown, extra: Record<string, unknown> = {}) {
    const segment = ok(await call('POST', '/segments', { name: `Seg ${tag} ${++segments}`, rules: { op: 'and', conditions: [{ type: 'field', field: 'lastName', operator: 'eq', value: tag }] } }), 201);
    const campaign = ok(await call('POST', '/campaigns', { name: `Campagne ${tag}`, segmentId: segment.id, ...extra }), 201);
    ok(await call('PUT', `/campaigns/${campaign.id}/journey`, journey));
    const launch = ok(await call('POST', `/campaigns/${campaign.id}/launch`), 202);
    const job = await waitFor(async () => {
      const j = ok(await call('GET', `/jobs/${launch.jobId}`));
      if (j.state === 'failed') throw new Error(j.error);
      return j.state === 'completed' && j;
    }, 60_000);
    return { campaign, launch, job, segment };
  }

  beforeAll(async () => {
    hooks = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['x-lynara-signature']), delivery: String(req.headers['x-lynara-delivery']) });
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end('busy');
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
    app = await createTestApp({ OUTBOUND_PRIVATE_ALLOWLIST: '127.0.0.1' }, 'all');
    stepper = app.nest.get(StepperService, { strict: false });
    owner = await ownerClient();
    a = await register(app, 'Moteur A', 'ena');
    b = await register(app, 'Moteur B', 'enb');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
    await new Promise((r) => hooks.close(r));
  });

  it('admits a few thousand leads in keyset batches with progress, then queues one message per lead', async () => {
    await insertLeads(owner, a.tenant.id, 2500, 'bulk');
    const journey = {
      entry: 'welcome',
      steps: [
        { key: 'welcome', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'wait', kind: 'wait', config: { durationMinutes: 2880 } },
        { key: 'done', kind: 'exit' },
      ],
      edges: [
        { from: 'welcome', to: 'wait', branch: 'next' },
        { from: 'wait', to: 'done', branch: 'next' },
      ],
    };
    const { campaign, launch, job } = await launched('bulk', journey);
    expect(job.result).toMatchObject({ admitted: 2500, audienceSize: 2500, batches: 3, stopped: false });
    expect(job.progress).toBe(100);
    expect(ok(await call('GET', `/campaigns/${campaign.id}`)).run).toMatchObject({ id: launch.runId, audienceSize: 2500, admitted: 2500, admissionDoneAt: expect.any(String) });
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1`, [launch.runId])).toBe(2500);

    const now = new Date();
    await stepper.tick(now);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'waiting'`, [launch.runId])) === 2500);
    const messages = await owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT lead_id)::int AS leads, min(status::text) AS status, min(to_address) LIKE 'bulk.%' AS addressed FROM channels.channel_messages WHERE run_id = $1`,
      [launch.runId],
    );
    expect(messages.rows[0]).toEqual({ n: 2500, leads: 2500, status: 'queued', addressed: true });

    // Two days later every lead has waited, and exits.
    await stepper.tick(new Date(now.getTime() + 49 * HOUR));
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'exited'`, [launch.runId])).toBe(2500);
    expect(ok(await call('GET', `/campaigns/${campaign.id}`))).toMatchObject({ status: 'completed', finishedAt: expect.any(String) });

    const page = ok(await call('GET', `/campaigns/${campaign.id}/enrollments?limit=2`));
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({ runId: launch.runId, status: 'exited', stepKey: null });
    const next = ok(await call('GET', `/campaigns/${campaign.id}/enrollments?limit=2&cursor=${page.nextCursor}`));
    expect(next.items[0].id > page.items[1].id).toBe(true);
    const detail = ok(await call('GET', `/campaigns/${campaign.id}/enrollments/${page.items[0].id}`));
    expect(detail.history.map((h: { stepKey: string; outcome: string }) => `${h.stepKey}:${h.outcome}`)).toEqual(['welcome:queued', 'wait:waited', 'done:exited']);
    // Another workspace sees none of it.
    expectProblem(await call('GET', `/campaigns/${campaign.id}/enrollments/${page.items[0].id}`, undefined, b), 404, 'CAMPAIGN_NOT_FOUND');
  }, 90_000);

  it('queues exactly one message per lead and step when steppers run concurrently, and when a step is replayed', async () => {
    await insertLeads(owner, a.tenant.id, 600, 'twice');
    const journey = {
      entry: 'first',
      steps: [
        { key: 'first', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'second', kind: 'send', config: { templateId: TEMPLATE } },
      ],
      edges: [{ from: 'first', to: 'second', branch: 'next' }],
    };
    const { launch } = await launched('twice', journey);
    const now = new Date();
    await Promise.all([stepper.tick(now), stepper.tick(now), stepper.tick(now)]);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'completed'`, [launch.runId])) === 600);
    const perLead = `SELECT count(*)::int AS n, count(DISTINCT (step_id, lead_id))::int AS pairs FROM channels.channel_messages WHERE run_id = $1`;
    expect((await owner.query(perLead, [launch.runId])).rows[0]).toEqual({ n: 1200, pairs: 1200 });
    // Each enrollment went through each step once.
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollment_steps h JOIN campaigns.enrollments e ON e.id = h.enrollment_id WHERE e.run_id = $1`, [launch.runId])).toBe(1200);

    // A replay (leads put back at the start, as after a crash between send and move) sends nothing new.
    await owner.query(`UPDATE campaigns.campaigns SET status = 'running', finished_at = NULL WHERE current_run_id = $1`, [launch.runId]);
    await owner.query(
      `UPDATE campaigns.enrollments e SET step_id = s.id, status = 'active', next_wake_at = now() - interval '1 second'
         FROM campaigns.campaign_steps s WHERE e.run_id = $1 AND s.campaign_id = e.campaign_id AND s.key = 'first'`,
      [launch.runId],
    );
    await Promise.all([stepper.tick(), stepper.tick()]);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'completed'`, [launch.runId])) === 600);
    expect((await owner.query(perLead, [launch.runId])).rows[0]).toEqual({ n: 1200, pairs: 1200 });
  }, 90_000);

  it('does not move leads of a paused campaign; resumed, it carries on', async () => {
    await insertLeads(owner, a.tenant.id, 30, 'pause');
    const journey = {
      entry: 'wait',
      steps: [
        { key: 'wait', kind: 'wait', config: { durationMinutes: 60 } },
        { key: 'mail', kind: 'send', config: { templateId: TEMPLATE } },
      ],
      edges: [{ from: 'wait', to: 'mail', branch: 'next' }],
    };
    const { campaign, launch } = await launched('pause', journey);
    await stepper.tick();
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'waiting'`, [launch.runId])) === 30);
    ok(await call('POST', `/campaigns/${campaign.id}/pause`));
    const later = new Date(Date.now() + 2 * HOUR);
    await stepper.tick(later);
    await stepper.stepBatch(a.tenant.id, campaign.id, later);
    expect(await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1`, [launch.runId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'waiting'`, [launch.runId])).toBe(30);

    ok(await call('POST', `/campaigns/${campaign.id}/resume`));
    await stepper.tick(later);
    expect(await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1`, [launch.runId])).toBe(30);
    expect(ok(await call('GET', `/campaigns/${campaign.id}`)).status).toBe('completed');
  }, 60_000);

  it('follows waits, conditions, A/B splits, actions and exits', async () => {
    const ids = await insertLeads(owner, a.tenant.id, 40, 'paths');
    await owner.query(`UPDATE crm.leads SET city = 'Lyon' WHERE id = ANY($1::uuid[])`, [ids.slice(0, 10)]);
    const journey = {
      entry: 'ab',
      steps: [
        { key: 'ab', kind: 'split', config: { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 50 }] } },
        { key: 'mail-a', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'mail-b', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'wait', kind: 'wait', config: { durationMinutes: 60 } },
        { key: 'opened', kind: 'condition', config: { test: 'opened' } },
        { key: 'tag', kind: 'action', config: { action: 'tag', tag: 'lecteur' } },
        { key: 'lyon', kind: 'condition', config: { test: 'field', field: 'city', operator: 'equals', value: 'lyon' } },
        { key: 'vip', kind: 'action', config: { action: 'setField', field: 'jobTitle', value: 'VIP lyonnais' } },
        { key: 'out', kind: 'exit' },
      ],
      edges: [
        { from: 'ab', to: 'mail-a', branch: 'A' },
        { from: 'ab', to: 'mail-b', branch: 'B' },
        { from: 'mail-a', to: 'wait', branch: 'next' },
        { from: 'mail-b', to: 'wait', branch: 'next' },
        { from: 'wait', to: 'opened', branch: 'next' },
        { from: 'opened', to: 'tag', branch: 'yes' },
        { from: 'opened', to: 'lyon', branch: 'no' },
        { from: 'tag', to: 'out', branch: 'next' },
        { from: 'lyon', to: 'vip', branch: 'yes' },
        { from: 'lyon', to: 'out', branch: 'no' },
      ],
    };
    const { launch } = await launched('paths', journey);
    const now = new Date();
    await stepper.tick(now);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'waiting'`, [launch.runId])) === 40);

    const variants = (await owner.query(`SELECT variant, count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1 GROUP BY variant ORDER BY variant`, [launch.runId])).rows;
    expect(variants.map((v) => v.variant)).toEqual(['A', 'B']);
    expect(variants[0].n + variants[1].n).toBe(40);
    const enrolled = (await owner.query(`SELECT lead_id, variant FROM campaigns.enrollments WHERE run_id = $1`, [launch.runId])).rows;
    const messageOf = (await owner.query(`SELECT m.lead_id, m.variant, s.key FROM channels.channel_messages m JOIN campaigns.campaign_steps s ON s.id = m.step_id WHERE m.run_id = $1`, [launch.runId])).rows;
    for (const m of messageOf) expect(m.key).toBe(m.variant === 'A' ? 'mail-a' : 'mail-b');
    expect(enrolled.every((e) => messageOf.find((m) => m.lead_id === e.lead_id)?.variant === e.variant)).toBe(true);

    // Five leads outside Lyon open their email (a person, not a proxy); one Lyon lead's opening is a machine's only.
    const openers = ids.slice(20, 25);
    await owner.query(`UPDATE channels.channel_messages SET status = 'sent', first_open_at = now(), first_human_open_at = now() WHERE run_id = $1 AND lead_id = ANY($2::uuid[])`, [launch.runId, openers]);
    await owner.query(`UPDATE channels.channel_messages SET status = 'sent', first_open_at = now() WHERE run_id = $1 AND lead_id = $2`, [launch.runId, ids[0]]);
    await stepper.tick(new Date(now.getTime() + 61 * 60_000));

    const finished = (await owner.query(`SELECT status::text AS status, count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 GROUP BY 1`, [launch.runId])).rows;
    expect(finished).toEqual(expect.arrayContaining([{ status: 'exited', n: 30 }, { status: 'completed', n: 10 }]));
    const leads = (await owner.query(`SELECT id, tags, job_title FROM crm.leads WHERE id = ANY($1::uuid[])`, [ids])).rows;
    expect(leads.filter((l) => l.tags.includes('lecteur')).map((l) => l.id).sort()).toEqual([...openers].sort());
    expect(leads.filter((l) => l.job_title === 'VIP lyonnais').map((l) => l.id).sort()).toEqual(ids.slice(0, 10).sort());
  }, 60_000);

  it('tests conversions (the goal event within its window, since entry), segment membership and score', async () => {
    const ids = await insertLeads(owner, a.tenant.id, 8, 'cond');
    await owner.query(`UPDATE crm.leads SET tags = ARRAY['vip'] WHERE id = ANY($1::uuid[])`, [ids.slice(2, 4)]);
    await owner.query(`UPDATE crm.leads SET score = 20 WHERE id = ANY($1::uuid[])`, [ids.slice(4, 6)]);
    const vip = ok(await call('POST', '/segments', { name: 'VIP cond', rules: { op: 'and', conditions: [{ type: 'tag', operator: 'has', value: 'vip' }] } }), 201);
    const journey = {
      entry: 'wait',
      steps: [
        { key: 'wait', kind: 'wait', config: { durationMinutes: 60 } },
        { key: 'bought', kind: 'condition', config: { test: 'converted' } },
        { key: 'buyer', kind: 'action', config: { action: 'tag', tag: 'buyer' } },
        { key: 'vip', kind: 'condition', config: { test: 'inSegment', segmentId: vip.id } },
        { key: 'vip-tag', kind: 'action', config: { action: 'tag', tag: 'vip-seen' } },
        { key: 'score', kind: 'condition', config: { test: 'score', operator: 'gte', value: 10 } },
        { key: 'hot', kind: 'action', config: { action: 'tag', tag: 'hot' } },
        { key: 'out', kind: 'exit' },
      ],
      edges: [
        { from: 'wait', to: 'bought', branch: 'next' },
        { from: 'bought', to: 'buyer', branch: 'yes' },
        { from: 'bought', to: 'vip', branch: 'no' },
        { from: 'vip', to: 'vip-tag', branch: 'yes' },
        { from: 'vip', to: 'score', branch: 'no' },
        { from: 'score', to: 'hot', branch: 'yes' },
        { from: 'score', to: 'out', branch: 'no' },
      ],
    };
    const { launch } = await launched('cond', journey, { goal: { eventType: 'purchase', windowHours: 24 } });
    const now = new Date();
    await stepper.tick(now);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'waiting'`, [launch.runId])) === 8);
    // Lead 0 buys after entering; lead 1 bought before (not a conversion of this campaign); lead 6 did something else.
    await insertEvent(owner, a.tenant.id, ids[0]!, 'purchase', new Date(now.getTime() + 5 * 60_000));
    await insertEvent(owner, a.tenant.id, ids[1]!, 'purchase', new Date(now.getTime() - HOUR));
    await insertEvent(owner, a.tenant.id, ids[6]!, 'page.viewed', new Date(now.getTime() + 5 * 60_000));
    await stepper.tick(new Date(now.getTime() + 61 * 60_000));

    const tags = new Map((await owner.query(`SELECT id, tags FROM crm.leads WHERE id = ANY($1::uuid[])`, [ids])).rows.map((r) => [r.id, r.tags]));
    const tagged = (tag: string) => ids.filter((id) => tags.get(id).includes(tag));
    expect(tagged('buyer')).toEqual([ids[0]]);
    expect(tagged('vip-seen')).toEqual(ids.slice(2, 4));
    expect(tagged('hot')).toEqual(ids.slice(4, 6));
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status IN ('completed', 'exited')`, [launch.runId])).toBe(8);
  }, 60_000);

  it('calls a webhook action signed with HMAC-SHA256 over timestamp and body, retried until delivered, logged on the enrollment', async () => {
    const [leadId] = await insertLeads(owner, a.tenant.id, 1, 'hook');
    failNext = 1;
    const journey = { entry: 'hook', steps: [{ key: 'hook', kind: 'action', config: { action: 'webhook', url: hookUrl, secret: SECRET } }], edges: [] };
    const { campaign, launch } = await launched('hook', journey);
    await stepper.tick();
    const delivered = async () => (await owner.query(`SELECT w.* FROM campaigns.webhook_calls w JOIN campaigns.enrollments e ON e.id = w.enrollment_id WHERE e.run_id = $1 AND w.delivered_at IS NOT NULL`, [launch.runId])).rows;
    const calls = await waitFor(async () => ((await delivered()).length ? delivered() : null), 20_000);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ attempts: 2, response_status: 204, error: null });

    const mine = received.filter((r) => r.delivery === calls[0].id);
    expect(mine).toHaveLength(2);
    for (const r of mine) {
      const [, t, v1] = r.signature.match(/^t=(\d+),v1=([0-9a-f]{64})$/)!;
      expect(createHmac('sha256', SECRET).update(`${t}.${r.body}`).digest('hex')).toBe(v1);
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(r.body)).toMatchObject({ event: 'campaign.step', campaignId: campaign.id, stepKey: 'hook', deliveryId: calls[0].id, lead: { id: leadId, email: expect.stringMatching(/^hook\./) } });
    }
    const enrollment = ok(await call('GET', `/campaigns/${campaign.id}/enrollments?leadId=${leadId}`)).items[0];
    const detail = ok(await call('GET', `/campaigns/${campaign.id}/enrollments/${enrollment.id}`));
    expect(detail.history.map((h: { outcome: string }) => h.outcome)).toEqual(['webhook_queued', 'webhook_delivered']);
    expect(detail.history[1].detail).toMatchObject({ status: 204, attempts: 2 });

    // A call recorded whose job never ran (Redis lost it) is queued again by the cron, under its own id.
    await owner.query(`DELETE FROM campaigns.webhook_calls WHERE id = $1`, [calls[0].id]);
    const lost = (
      await owner.query(
        `INSERT INTO campaigns.webhook_calls (tenant_id, enrollment_id, step_id, body, created_at) VALUES ($1, $2, $3, '{"event":"campaign.step"}', now() - interval '2 minutes') RETURNING id`,
        [a.tenant.id, enrollment.id, calls[0].step_id],
      )
    ).rows[0].id;
    const cron = app.nest.get(CampaignsCron, { strict: false });
    expect(await cron.requeueUntriedWebhooks()).toEqual([lost]);
    await waitFor(async () => received.some((r) => r.delivery === lost), 20_000);
    expect(await cron.requeueUntriedWebhooks()).toEqual([]);
  }, 60_000);

  it('admits leads who join a dynamic segment while the campaign runs, once, when the campaign says so', async () => {
    await insertLeads(owner, a.tenant.id, 5, 'late');
    const journey = { entry: 'wait', steps: [{ key: 'wait', kind: 'wait', config: { durationMinutes: 600 } }], edges: [] };
    const { campaign, launch } = await launched('late', journey, { admitLateJoiners: true });
    const closed = await launched('late', journey);
    const listed = (await owner.query(`SELECT campaign_id FROM campaigns.late_joiner_campaigns(1000)`)).rows.map((r) => r.campaign_id);
    expect(listed).toContain(campaign.id);
    expect(listed).not.toContain(closed.campaign.id);

    // Three new members of the segment (same last name, other addresses).
    await owner.query(`INSERT INTO crm.leads (tenant_id, email, last_name) SELECT $1, 'joiner.' || g || '@example.test', 'late' FROM generate_series(1, 3) g`, [a.tenant.id]);
    const admission = app.nest.get(AdmissionService, { strict: false });
    expect(await admission.admitLateJoiners(a.tenant.id, campaign.id, launch.runId)).toBe(3);
    expect(await admission.admitLateJoiners(a.tenant.id, campaign.id, launch.runId)).toBe(0);
    expect(await admission.admitLateJoiners(a.tenant.id, closed.campaign.id, closed.launch.runId)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1`, [launch.runId])).toBe(8);
    expect(await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1`, [closed.launch.runId])).toBe(5);
    expect(ok(await call('GET', `/campaigns/${campaign.id}`)).run).toMatchObject({ audienceSize: 5, admitted: 8 });
    // It stays running once its leads are through: someone may still join.
    await stepper.tick();
    await stepper.tick(new Date(Date.now() + 11 * HOUR));
    expect(ok(await call('GET', `/campaigns/${campaign.id}`)).status).toBe('running');
    expect(ok(await call('GET', `/campaigns/${closed.campaign.id}`)).status).toBe('completed');
  }, 60_000);

  it('decides an A/B winner by human open rate after the test time; later arrivals all take it', async () => {
    await insertLeads(owner, a.tenant.id, 40, 'abtest');
    const journey = {
      entry: 'ab',
      steps: [
        { key: 'ab', kind: 'split', config: { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 50 }], winner: { metric: 'open', afterHours: 1 } } },
        { key: 'a', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'b', kind: 'send', config: { templateId: TEMPLATE } },
      ],
      edges: [
        { from: 'ab', to: 'a', branch: 'A' },
        { from: 'ab', to: 'b', branch: 'B' },
      ],
    };
    const { campaign, launch } = await launched('abtest', journey, { admitLateJoiners: true });
    const now = new Date();
    await stepper.tick(now);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1`, [launch.runId])) === 40);
    // B's readers open (people); A's messages are only fetched by a privacy proxy.
    await owner.query(`UPDATE channels.channel_messages SET status = 'sent', first_open_at = now(), first_human_open_at = CASE WHEN variant = 'B' THEN now() END WHERE run_id = $1`, [launch.runId]);

    // The test time (1 hour from the run's start) is over: newcomers all get B. The run is moved
    // back rather than the clock forward, so the worker's own passes agree with this one.
    await owner.query(`UPDATE campaigns.campaign_runs SET created_at = created_at - interval '2 hours' WHERE id = $1`, [launch.runId]);
    await owner.query(`INSERT INTO crm.leads (tenant_id, email, last_name) SELECT $1, 'newcomer.' || g || '@example.test', 'abtest' FROM generate_series(1, 12) g`, [a.tenant.id]);
    const admission = app.nest.get(AdmissionService, { strict: false });
    expect(await admission.admitLateJoiners(a.tenant.id, campaign.id, launch.runId)).toBe(12);
    await stepper.tick();
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'completed'`, [launch.runId])) === 52);
    const splitId = (await owner.query(`SELECT id FROM campaigns.campaign_steps WHERE campaign_id = $1 AND key = 'ab'`, [campaign.id])).rows[0].id;
    expect((await owner.query(`SELECT split_winners FROM campaigns.campaign_runs WHERE id = $1`, [launch.runId])).rows[0].split_winners).toEqual({ [splitId]: 'B' });
    const newcomers = (await owner.query(`SELECT e.variant FROM campaigns.enrollments e JOIN crm.leads l ON l.id = e.lead_id WHERE e.run_id = $1 AND l.email LIKE 'newcomer.%'`, [launch.runId])).rows;
    expect(newcomers).toHaveLength(12);
    expect(newcomers.every((r) => r.variant === 'B')).toBe(true);
  }, 60_000);

  it('carries on from PostgreSQL when Redis is flushed mid-run: steps and an admission that lost its job', async () => {
    await insertLeads(owner, a.tenant.id, 50, 'flush');
    const journey = {
      entry: 'wait',
      steps: [
        { key: 'wait', kind: 'wait', config: { durationMinutes: 30 } },
        { key: 'mail', kind: 'send', config: { templateId: TEMPLATE } },
      ],
      edges: [{ from: 'wait', to: 'mail', branch: 'next' }],
    };
    const { campaign, launch } = await launched('flush', journey);
    await stepper.tick();
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM campaigns.enrollments WHERE run_id = $1 AND status = 'waiting'`, [launch.runId])) === 50);

    // Redis loses everything: queues, jobs, the launch job's record.
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    await redis.quit();

    // The wait is over: the worker's own clock (the cron) moves the leads, from the database alone.
    await owner.query(`UPDATE campaigns.enrollments SET next_wake_at = now() - interval '1 second' WHERE run_id = $1`, [launch.runId]);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1`, [launch.runId])) === 50, 20_000);
    await waitFor(async () => ok(await call('GET', `/campaigns/${campaign.id}`)).status === 'completed', 20_000);

    // An admission cut short whose job Redis no longer has is queued again and resumes from its checkpoint.
    await insertLeads(owner, a.tenant.id, 40, 'resume');
    const second = await launched('resume', journey);
    const run = second.launch.runId;
    const middle = (await owner.query(`SELECT lead_id FROM campaigns.enrollments WHERE run_id = $1 ORDER BY lead_id OFFSET 14 LIMIT 1`, [run])).rows[0].lead_id;
    await owner.query(`DELETE FROM campaigns.enrollments WHERE run_id = $1 AND lead_id > $2`, [run, middle]);
    await owner.query(`UPDATE campaigns.campaign_runs SET admission_done_at = NULL, admitted = 15, admitted_through = $2 WHERE id = $1`, [run, middle]);
    const flush = new Redis(REDIS_URL);
    await flush.flushdb();
    await flush.quit();
    const cron = app.nest.get(CampaignsCron, { strict: false });
    expect(await cron.resumeAdmissions(new Date(Date.now() + 2 * 60_000))).toEqual([second.launch.jobId]);
    await waitFor(async () => (await owner.query(`SELECT admission_done_at FROM campaigns.campaign_runs WHERE id = $1`, [run])).rows[0].admission_done_at, 20_000);
    expect((await owner.query(`SELECT count(*)::int AS n, count(DISTINCT lead_id)::int AS leads FROM campaigns.enrollments WHERE run_id = $1`, [run])).rows[0]).toEqual({ n: 40, leads: 40 });
    expect((await owner.query(`SELECT admitted FROM campaigns.campaign_runs WHERE id = $1`, [run])).rows[0].admitted).toBe(40);
  }, 90_000);

  it('cancels: leads stop, queued messages are cancelled, nothing more is sent', async () => {
    await insertLeads(owner, a.tenant.id, 20, 'cancel');
    const journey = {
      entry: 'mail',
      steps: [
        { key: 'mail', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'wait', kind: 'wait', config: { durationMinutes: 60 } },
        { key: 'again', kind: 'send', config: { templateId: TEMPLATE } },
      ],
      edges: [
        { from: 'mail', to: 'wait', branch: 'next' },
        { from: 'wait', to: 'again', branch: 'next' },
      ],
    };
    const { campaign, launch } = await launched('cancel', journey);
    await stepper.tick();
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1`, [launch.runId])) === 20);
    ok(await call('POST', `/campaigns/${campaign.id}/cancel`));
    expect(await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1 AND status = 'cancelled' AND status_reason = 'campaign cancelled'`, [launch.runId])).toBe(20);
    await stepper.tick(new Date(Date.now() + 2 * HOUR));
    expect(await count(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE run_id = $1`, [launch.runId])).toBe(20);
    // Another workspace cannot launch, pause or cancel it.
    expectProblem(await call('POST', `/campaigns/${campaign.id}/launch`, {}, b), 404, 'CAMPAIGN_NOT_FOUND');
  }, 60_000);
});
