import type pg from 'pg';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';

const TEMPLATE = '0190a0a0-0000-7000-8000-00000000000a';
const NOWHERE = '00000000-0000-7000-8000-000000000000';

/** welcome → wait 2 days → opened? yes: tag, no: reminder → exit. */
export const twoStepJourney = () => ({
  entry: 'welcome',
  steps: [
    { key: 'welcome', kind: 'send', name: 'Bienvenue', config: { templateId: TEMPLATE } },
    { key: 'wait-2d', kind: 'wait', config: { durationMinutes: 2880 } },
    { key: 'opened', kind: 'condition', config: { test: 'opened', stepKey: 'welcome' } },
    { key: 'tag', kind: 'action', config: { action: 'tag', tag: 'engaged' } },
    { key: 'reminder', kind: 'send', config: { templateId: TEMPLATE } },
    { key: 'done', kind: 'exit' },
  ],
  edges: [
    { from: 'welcome', to: 'wait-2d', branch: 'next' },
    { from: 'wait-2d', to: 'opened', branch: 'next' },
    { from: 'opened', to: 'tag', branch: 'yes' },
    { from: 'opened', to: 'reminder', branch: 'no' },
    { from: 'tag', to: 'done', branch: 'next' },
    { from: 'reminder', to: 'done', branch: 'next' },
  ],
});

describe('campaigns', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  let segmentId: string;
  const ok = (res: Res, status = 200) => {
    if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const as = (s: Session) => ({
    get: (url: string) => app.request('GET', url, { token: s.accessToken }),
    post: (url: string, body: unknown = {}) => app.request('POST', url, { token: s.accessToken, body }),
    patch: (url: string, body: unknown) => app.request('PATCH', url, { token: s.accessToken, body }),
    put: (url: string, body: unknown) => app.request('PUT', url, { token: s.accessToken, body }),
  });

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Campagnes A', 'cpa');
    b = await register(app, 'Campagnes B', 'cpb');
    segmentId = ok(await as(a).post('/segments', { name: 'Tous', rules: { op: 'and', conditions: [{ type: 'field', field: 'email', operator: 'isSet' }] } }), 201).id;
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('creates, lists (seed paths GET/POST /campaigns), reads and changes a campaign', async () => {
    const created = ok(await as(a).post('/campaigns', { name: '  Relance salon ', segmentId, goal: { eventType: 'purchase', windowHours: 168 } }), 201);
    expect(created).toMatchObject({ name: 'Relance salon', status: 'draft', segmentId, admitLateJoiners: false, goal: { eventType: 'purchase', windowHours: 168 }, run: null, statusReason: null });
    const second = ok(await as(a).post('/campaigns', { name: 'Newsletter' }), 201);

    const page1 = ok(await as(a).get('/campaigns?limit=1'));
    expect(page1.items.map((c: { id: string }) => c.id)).toEqual([second.id]);
    const page2 = ok(await as(a).get(`/campaigns?limit=1&cursor=${page1.nextCursor}`));
    expect(page2.items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    expect(ok(await as(a).get('/campaigns?status=running')).items).toEqual([]);

    const changed = ok(await as(a).patch(`/campaigns/${created.id}`, { admitLateJoiners: true, goal: null, description: 'Salon 2026' }));
    expect(changed).toMatchObject({ admitLateJoiners: true, goal: null, description: 'Salon 2026', name: 'Relance salon' });
    expect(ok(await as(a).get(`/campaigns/${created.id}`))).toMatchObject({ id: created.id, admitLateJoiners: true });

    const audit = (await owner.query(`SELECT action, metadata->>'name' AS name FROM governance.audit_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY occurred_at, id`, [a.tenant.id, created.id])).rows;
    expect(audit).toEqual([{ action: 'campaign.created', name: 'Relance salon' }, { action: 'campaign.updated', name: 'Relance salon' }]);
  });

  it('refuses bad input with 400 problems, unknown ids with 404', async () => {
    expectProblem(await as(a).post('/campaigns', {}), 400, 'VALIDATION_FAILED');
    expectProblem(await as(a).post('/campaigns', { name: 'x', goal: { eventType: 'Purchase!', windowHours: 0 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await as(a).post('/campaigns', { name: 'x', segmentId: 'nope' }), 400, 'VALIDATION_FAILED');
    expectProblem(await as(a).post('/campaigns', { name: 'x', segmentId: NOWHERE }), 404, 'SEGMENT_NOT_FOUND');
    expectProblem(await as(a).post('/campaigns', { name: 'x', extra: 1 }), 400, 'VALIDATION_FAILED');
    expectProblem(await as(a).get(`/campaigns/${NOWHERE}`), 404, 'CAMPAIGN_NOT_FOUND');
    expectProblem(await as(a).get('/campaigns/not-a-uuid'), 400);
    expectProblem(await as(a).get('/campaigns?cursor=garbage'), 400, 'VALIDATION_FAILED');
    expectProblem(await as(a).get('/campaigns?status=lost'), 400, 'VALIDATION_FAILED');
  });

  it('stores a journey as a graph and gives it back; replaces it whole', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Parcours', segmentId }), 201);
    expect(ok(await as(a).get(`/campaigns/${c.id}/journey`))).toEqual({ entry: null, steps: [], edges: [] });
    const saved = ok(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()));
    expect(saved.entry).toBe('welcome');
    expect(saved.steps.map((s: { key: string; kind: string }) => `${s.key}:${s.kind}`)).toEqual(['welcome:send', 'wait-2d:wait', 'opened:condition', 'tag:action', 'reminder:send', 'done:exit']);
    expect(saved.steps[0]).toMatchObject({ name: 'Bienvenue', config: { channel: 'email', templateId: TEMPLATE } });
    expect(saved.edges).toHaveLength(6);
    expect(ok(await as(a).get(`/campaigns/${c.id}/journey`))).toEqual(saved);

    // Replaced: the kept keys keep their ids, the removed step is gone.
    const smaller = { entry: 'welcome', steps: [twoStepJourney().steps[0], { key: 'done', kind: 'exit' }], edges: [{ from: 'welcome', to: 'done', branch: 'next' }] };
    const replaced = ok(await as(a).put(`/campaigns/${c.id}/journey`, smaller));
    expect(replaced.steps.map((s: { id: string }) => s.id)).toEqual([saved.steps[0].id, saved.steps[5].id]);
    expect((await owner.query(`SELECT count(*)::int AS n FROM campaigns.campaign_steps WHERE campaign_id = $1`, [c.id])).rows[0].n).toBe(2);
  });

  it('refuses a journey that cannot run, with 400 naming the step', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Invalide' }), 201);
    const put = (j: unknown) => as(a).put(`/campaigns/${c.id}/journey`, j);

    const noContent = twoStepJourney();
    noContent.steps[4]!.config = {} as never;
    let res = await put(noContent);
    expectProblem(res, 400, 'JOURNEY_INVALID');
    expect(res.body.detail).toContain('"reminder"');
    expect(res.body.errors).toEqual([{ field: 'steps[4].config.templateId', code: 'missing_content', message: expect.stringContaining('"reminder"') }]);

    const unreachable = twoStepJourney();
    unreachable.steps.push({ key: 'orphan', kind: 'exit' } as never);
    res = await put(unreachable);
    expectProblem(res, 400, 'JOURNEY_INVALID');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'steps[6]', code: 'unreachable', message: expect.stringContaining('"orphan"') })]);

    const loop = twoStepJourney();
    loop.edges = loop.edges.filter((e) => e.from !== 'tag');
    loop.edges.push({ from: 'tag', to: 'opened', branch: 'next' });
    res = await put(loop);
    expectProblem(res, 400, 'JOURNEY_INVALID');
    expect(res.body.errors[0]).toMatchObject({ code: 'cycle_without_wait', message: expect.stringMatching(/"opened".*"tag"|"tag".*"opened"/) });

    const oneBranch = twoStepJourney();
    oneBranch.edges = oneBranch.edges.filter((e) => e.branch !== 'no' && e.from !== 'reminder');
    oneBranch.steps = oneBranch.steps.filter((s) => s.key !== 'reminder');
    res = await put(oneBranch);
    expectProblem(res, 400, 'JOURNEY_INVALID');
    expect(res.body.errors[0]).toMatchObject({ code: 'missing_branch', message: expect.stringContaining('"opened"') });

    res = await put({
      entry: 'ab',
      steps: [
        { key: 'ab', kind: 'split', config: { variants: [{ key: 'A', percent: 60 }, { key: 'B', percent: 60 }] } },
        { key: 'a', kind: 'send', config: { templateId: TEMPLATE } },
        { key: 'b', kind: 'send', config: { templateId: TEMPLATE } },
      ],
      edges: [{ from: 'ab', to: 'a', branch: 'A' }, { from: 'ab', to: 'b', branch: 'B' }],
    });
    expectProblem(res, 400, 'JOURNEY_INVALID');
    expect(res.body.errors[0]).toMatchObject({ code: 'percent_sum', message: expect.stringContaining('"ab"') });

    const badSegment = twoStepJourney();
    badSegment.steps[2]!.config = { test: 'inSegment', segmentId: NOWHERE } as never;
    res = await put(badSegment);
    expectProblem(res, 400, 'JOURNEY_INVALID');
    expect(res.body.errors[0]).toMatchObject({ code: 'unknown_segment', field: 'steps[2].config.segmentId' });

    const webhookWithoutSecret = twoStepJourney();
    webhookWithoutSecret.steps[3]!.config = { action: 'webhook', url: 'https://hooks.example.test/x' } as never;
    expectProblem(await put(webhookWithoutSecret), 400, 'JOURNEY_INVALID');

    expectProblem(await put({ entry: 'a', steps: [{ key: 'a b', kind: 'exit' }], edges: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put({ entry: 'a', steps: [{ key: 'a', kind: 'teleport' }], edges: [] }), 400, 'VALIDATION_FAILED');
    // Nothing was written by any refused journey.
    expect(ok(await as(a).get(`/campaigns/${c.id}/journey`)).steps).toEqual([]);
  });

  it('keeps webhook secrets write-only and sealed', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Webhook' }), 201);
    const journey = { entry: 'hook', steps: [{ key: 'hook', kind: 'action', config: { action: 'webhook', url: 'https://hooks.example.test/lynara', secret: 'a-very-long-shared-secret' } }], edges: [] };
    const saved = ok(await as(a).put(`/campaigns/${c.id}/journey`, journey));
    expect(saved.steps[0].config).toEqual({ action: 'webhook', url: 'https://hooks.example.test/lynara', secretSet: true });
    const stored = (await owner.query(`SELECT config FROM campaigns.campaign_steps WHERE campaign_id = $1`, [c.id])).rows[0].config;
    expect(JSON.stringify(stored)).not.toContain('a-very-long-shared-secret');
    // Left out of a later PUT, the secret is kept.
    const again = ok(await as(a).put(`/campaigns/${c.id}/journey`, { ...journey, steps: [{ ...journey.steps[0], config: { action: 'webhook', url: 'https://hooks.example.test/v2' } }] }));
    expect(again.steps[0].config).toEqual({ action: 'webhook', url: 'https://hooks.example.test/v2', secretSet: true });
  });

  it('validates status transitions with 409 naming both ends', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Statuts' }), 201);
    let res = await as(a).post(`/campaigns/${c.id}/pause`);
    expectProblem(res, 409, 'CAMPAIGN_TRANSITION_INVALID');
    expect(res.body.detail).toBe('A draft campaign cannot become paused.');
    res = await as(a).post(`/campaigns/${c.id}/resume`);
    expectProblem(res, 409, 'CAMPAIGN_TRANSITION_INVALID');
    expect(res.body.detail).toBe('Only a paused campaign can become running this way; this one is draft.');
    // Launch needs an audience and a journey.
    res = await as(a).post(`/campaigns/${c.id}/launch`);
    expectProblem(res, 409, 'CAMPAIGN_NOT_READY');
    expect(res.body.errors[0].field).toBe('segmentId');

    expect(ok(await as(a).post(`/campaigns/${c.id}/schedule`, { startsAt: '2030-01-06T09:00:00+01:00' }))).toMatchObject({ status: 'scheduled', startsAt: '2030-01-06T08:00:00.000Z' });
    expectProblem(await as(a).post(`/campaigns/${c.id}/schedule`, { startsAt: '2030-01-06T09:00:00' }), 400, 'VALIDATION_FAILED');
    expectProblem(await as(a).post(`/campaigns/${c.id}/archive`), 409, 'CAMPAIGN_TRANSITION_INVALID');
    expect(ok(await as(a).post(`/campaigns/${c.id}/cancel`))).toMatchObject({ status: 'cancelled' });
    res = await as(a).post(`/campaigns/${c.id}/pause`);
    expectProblem(res, 409, 'CAMPAIGN_TRANSITION_INVALID');
    expect(res.body.detail).toBe('A cancelled campaign cannot become paused.');
    expectProblem(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()), 409, 'CAMPAIGN_LOCKED');
    expect(ok(await as(a).post(`/campaigns/${c.id}/archive`))).toMatchObject({ status: 'archived' });
    expectProblem(await as(a).post(`/campaigns/${c.id}/cancel`), 409, 'CAMPAIGN_TRANSITION_INVALID');
    expectProblem(await as(a).patch(`/campaigns/${c.id}`, { name: 'Encore' }), 409, 'CAMPAIGN_LOCKED');
  });

  it('launches (202 with a job), then refuses launching twice and audience changes; pause, resume, cancel', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Lancée', segmentId }), 201);
    ok(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()));
    const launched = ok(await as(a).post(`/campaigns/${c.id}/launch`), 202);
    expect(launched).toMatchObject({ jobId: expect.any(String), runId: expect.any(String), campaign: { status: 'running', run: { id: launched.runId, jobId: launched.jobId, admitted: 0 } } });
    expect(ok(await as(a).get(`/jobs/${launched.jobId}`))).toMatchObject({ id: launched.jobId, name: 'launch-campaign' });
    expectProblem(await as(a).post(`/campaigns/${c.id}/launch`), 409, 'CAMPAIGN_TRANSITION_INVALID');
    expectProblem(await as(a).patch(`/campaigns/${c.id}`, { segmentId }), 409, 'CAMPAIGN_LOCKED');
    expectProblem(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()), 409, 'CAMPAIGN_LOCKED');
    expect(ok(await as(a).post(`/campaigns/${c.id}/pause`))).toMatchObject({ status: 'paused' });
    const res = await as(a).post(`/campaigns/${c.id}/launch`);
    expectProblem(res, 409, 'CAMPAIGN_TRANSITION_INVALID');
    // While paused the journey may change.
    ok(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()));
    expect(ok(await as(a).post(`/campaigns/${c.id}/resume`))).toMatchObject({ status: 'running' });
    expect(ok(await as(a).post(`/campaigns/${c.id}/cancel`))).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) });
  });

  it('clones a campaign with its journey into a new draft', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Modèle', segmentId, goal: { eventType: 'form.submitted', windowHours: 48 } }), 201);
    const original = ok(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()));
    ok(await as(a).post(`/campaigns/${c.id}/cancel`));
    const copy = ok(await as(a).post(`/campaigns/${c.id}/clone`), 201);
    expect(copy).toMatchObject({ name: 'Modèle (copy)', status: 'draft', segmentId, goal: { eventType: 'form.submitted', windowHours: 48 }, run: null });
    expect(copy.id).not.toBe(c.id);
    const journey = ok(await as(a).get(`/campaigns/${copy.id}/journey`));
    const strip = (j: { entry: string; steps: { id: string }[]; edges: unknown[] }) => ({ ...j, steps: j.steps.map(({ id: _id, ...s }) => s) });
    expect(strip(journey)).toEqual(strip(original));
    expect(journey.steps.map((s: { id: string }) => s.id)).not.toContain(original.steps[0].id);
  });

  it('keeps campaigns, journeys and enrollments to their workspace (404 to another)', async () => {
    const c = ok(await as(a).post('/campaigns', { name: 'Privée', segmentId }), 201);
    ok(await as(a).put(`/campaigns/${c.id}/journey`, twoStepJourney()));
    const other = as(b);
    expect(ok(await other.get('/campaigns')).items).toEqual([]);
    for (const res of [
      await other.get(`/campaigns/${c.id}`),
      await other.patch(`/campaigns/${c.id}`, { name: 'Volée' }),
      await other.get(`/campaigns/${c.id}/journey`),
      await other.put(`/campaigns/${c.id}/journey`, twoStepJourney()),
      await other.post(`/campaigns/${c.id}/clone`),
      await other.post(`/campaigns/${c.id}/launch`),
      await other.post(`/campaigns/${c.id}/pause`),
      await other.post(`/campaigns/${c.id}/resume`),
      await other.post(`/campaigns/${c.id}/cancel`),
      await other.post(`/campaigns/${c.id}/archive`),
      await other.post(`/campaigns/${c.id}/schedule`, { startsAt: '2030-01-01T00:00:00Z' }),
      await other.get(`/campaigns/${c.id}/enrollments`),
      await other.get(`/campaigns/${c.id}/enrollments/${NOWHERE}`),
    ]) {
      expectProblem(res, 404, 'CAMPAIGN_NOT_FOUND');
    }
    // Another workspace's segment is not an audience.
    expectProblem(await other.post('/campaigns', { name: 'x', segmentId }), 404, 'SEGMENT_NOT_FOUND');
    expect(ok(await as(a).get(`/campaigns/${c.id}`))).toMatchObject({ name: 'Privée', status: 'draft' });
  });

  it('lets viewers read and not write', async () => {
    const key = ok(await as(a).post('/api-keys', { name: 'lecture', scopes: ['campaigns:read'] }), 201);
    expect((await app.request('GET', '/campaigns', { apiKey: key.key })).status).toBe(200);
    expectProblem(await app.request('POST', '/campaigns', { apiKey: key.key, body: { name: 'x' } }), 403);
  });
});
