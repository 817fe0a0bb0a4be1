import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { waitFor as until } from './support/wait.js';

describe('lead scoring', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  const ids: Record<string, string> = {};
  const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const scoreOf = async (id: string) => (await owner.query(`SELECT score FROM crm.leads WHERE id = $1`, [id])).rows[0].score as number;
  const jobDone = (token: string, jobId: string) =>
    until(async () => {
      const job = (await app.request('GET', `/jobs/${jobId}`, { token })).body;
      return job.state === 'completed' && job;
    });

  beforeAll(async () => {
    app = await createTestApp({}, 'all');
    owner = await ownerClient();
    a = await register(app, 'Scoring A', 'sca');
    b = await register(app, 'Scoring B', 'scb');
    for (const [key, jobTitle] of [['director', 'Directeur des ventes'], ['intern', 'Stagiaire']]) {
      ids[key] = (await app.request('POST', '/leads', { token: a.accessToken, body: { email: `${key}@exemple.fr`, jobTitle } })).body.id;
    }
    ids.bDirector = (await app.request('POST', '/leads', { token: b.accessToken, body: { email: 'director@exemple.fr', jobTitle: 'Directeur' } })).body.id;
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('scores every lead when an attribute rule is added, and keeps the history', async () => {
    const res = await app.request('POST', '/scoring-rules', {
      token: a.accessToken,
      body: { name: 'Décideur', kind: 'attribute', condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' }, points: 10 },
    });
    expect(res.status).toBe(201);
    const job = await jobDone(a.accessToken, res.body.recomputeJobId);
    expect(job.result).toEqual({ changed: 1 });
    expect(await scoreOf(ids.director!)).toBe(10);
    expect(await scoreOf(ids.intern!)).toBe(0);
    expect(await scoreOf(ids.bDirector!)).toBe(0);
    const history = await owner.query(`SELECT score, delta, reason FROM crm.lead_scores WHERE lead_id = $1`, [ids.director]);
    expect(history.rows).toEqual([{ score: 10, delta: 10, reason: 'rule "Décideur" created' }]);
  });

  it('scores leads as they are created, changed, tagged or imported, without a rule change', async () => {
    const vip = await app.request('POST', '/scoring-rules', {
      token: a.accessToken,
      body: { name: 'VIP', kind: 'attribute', condition: { type: 'tag', operator: 'has', value: 'vip' }, points: 7 },
    });
    await jobDone(a.accessToken, vip.body.recomputeJobId);

    const created = (await app.request('POST', '/leads', { token: a.accessToken, body: { email: 'new.director@exemple.fr', jobTitle: 'Directeur marketing' } })).body.id;
    const changed = (await app.request('POST', '/leads', { token: a.accessToken, body: { email: 'promoted@exemple.fr', jobTitle: 'Assistant' } })).body.id;
    await until(async () => (await scoreOf(created)) === 10);
    expect((await app.request('PATCH', `/leads/${changed}`, { token: a.accessToken, body: { jobTitle: 'Directeur commercial' } })).status).toBe(200);
    await until(async () => (await scoreOf(changed)) === 10);
    expect((await app.request('POST', '/leads/bulk', { token: a.accessToken, body: { ids: [changed, ids.intern], action: 'addTags', tags: ['vip'] } })).body).toEqual({ affected: 2 });
    await until(async () => (await scoreOf(changed)) === 17 && (await scoreOf(ids.intern!)) === 7);

    const csv = 'email,job_title,tags\nimported.director@exemple.fr,Directeur général,\nimported.vip@exemple.fr,Comptable,vip\n';
    const uploaded = await fetch(`${app.url}/leads/imports?fileName=scores.csv`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'text/csv' }, body: csv }).then(
      (r) => r.json() as Promise<{ id: string }>,
    );
    const started = await app.request('POST', `/leads/imports/${uploaded.id}/start`, { token: a.accessToken, body: {} });
    await jobDone(a.accessToken, started.body.jobId);
    const imported = await owner.query(`SELECT email, score FROM crm.leads WHERE tenant_id = $1 AND email LIKE 'imported.%' ORDER BY email`, [a.tenant.id]);
    expect(imported.rows.map((r) => r.email)).toEqual(['imported.director@exemple.fr', 'imported.vip@exemple.fr']);
    await until(async () => {
      const scores = await owner.query(`SELECT email, score FROM crm.leads WHERE tenant_id = $1 AND email LIKE 'imported.%' ORDER BY email`, [a.tenant.id]);
      return scores.rows[0].score === 10 && scores.rows[1].score === 7;
    });
    const history = await owner.query(`SELECT reason FROM crm.lead_scores WHERE lead_id = $1`, [created]);
    expect(history.rows).toEqual([{ reason: 'lead changed' }]);

    const removed = await app.request('DELETE', `/scoring-rules/${vip.body.id}`, { token: a.accessToken });
    await jobDone(a.accessToken, removed.body.recomputeJobId);
  });

  it('adds capped, decaying behaviour points as events arrive', async () => {
    const rule = await app.request('POST', '/scoring-rules', {
      token: a.accessToken,
      body: { name: 'Clics', kind: 'behaviour', condition: { eventType: 'email.clicked' }, points: 5, maxPoints: 15, decayDays: 30 },
    });
    await jobDone(a.accessToken, rule.body.recomputeJobId);
    const click = (when: string) => ({ type: 'email.clicked', lead: { id: ids.intern }, occurredAt: when });
    await app.request('POST', '/events', { token: a.accessToken, body: { events: [click(days(60)), click(days(1))] } });
    await until(async () => (await scoreOf(ids.intern!)) === 5);
    await app.request('POST', '/events', { token: a.accessToken, body: { events: [click(days(2)), click(days(3)), click(days(4))] } });
    await until(async () => (await scoreOf(ids.intern!)) === 15);
    const why = await app.request('GET', `/leads/${ids.intern}/score`, { token: a.accessToken });
    expect(why.body).toMatchObject({ score: 15, computed: 15, parts: [{ name: 'Clics', kind: 'behaviour', points: 15, events: 3, capped: true }] });
    // A cap that is not a multiple of the points: 4 clicks reach it, and the explanation says so.
    const odd = await app.request('PATCH', `/scoring-rules/${rule.body.id}`, { token: a.accessToken, body: { maxPoints: 12 } });
    await jobDone(a.accessToken, odd.body.recomputeJobId);
    const oddWhy = await app.request('GET', `/leads/${ids.intern}/score`, { token: a.accessToken });
    expect(oddWhy.body.parts).toEqual([expect.objectContaining({ points: 12, events: 3, capped: true })]);
    const uncapped = await app.request('PATCH', `/scoring-rules/${rule.body.id}`, { token: a.accessToken, body: { maxPoints: 100 } });
    await jobDone(a.accessToken, uncapped.body.recomputeJobId);
    expect((await app.request('GET', `/leads/${ids.intern}/score`, { token: a.accessToken })).body.parts).toEqual([expect.objectContaining({ points: 20, events: 4, capped: false })]);
    const back = await app.request('PATCH', `/scoring-rules/${rule.body.id}`, { token: a.accessToken, body: { maxPoints: 15 } });
    await jobDone(a.accessToken, back.body.recomputeJobId);
    const timeline = await app.request('GET', `/leads/${ids.intern}/timeline`, { token: a.accessToken });
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'score').length).toBeGreaterThanOrEqual(2);
  });

  it('recomputes when a rule changes or goes, and explains what gives points', async () => {
    const list = await app.request('GET', '/scoring-rules', { token: a.accessToken });
    const decideur = list.body.items.find((r: { name: string }) => r.name === 'Décideur');
    const changed = await app.request('PATCH', `/scoring-rules/${decideur.id}`, { token: a.accessToken, body: { points: 20 } });
    await jobDone(a.accessToken, changed.body.recomputeJobId);
    expect(await scoreOf(ids.director!)).toBe(20);
    const removed = await app.request('DELETE', `/scoring-rules/${decideur.id}`, { token: a.accessToken });
    await jobDone(a.accessToken, removed.body.recomputeJobId);
    expect(await scoreOf(ids.director!)).toBe(0);
  });

  it('refuses invalid rules with the bad part named', async () => {
    const attr = (condition: object, extra: object = {}) => app.request('POST', '/scoring-rules', { token: a.accessToken, body: { name: 'x', kind: 'attribute', condition, points: 1, ...extra } });
    expectProblem(await attr({ type: 'field', field: 'score', operator: 'contains', value: 'x' }), 400, 'VALIDATION_FAILED');
    expectProblem(await attr({ type: 'event', eventType: 'email.clicked', operator: 'never' }), 400, 'VALIDATION_FAILED');
    expectProblem(await attr({ type: 'field', field: 'jobTitle', operator: 'isSet' }, { decayDays: 3 }), 400, 'VALIDATION_FAILED');
    const zero = await app.request('POST', '/scoring-rules', { token: a.accessToken, body: { name: 'x', kind: 'behaviour', condition: { eventType: 'email.clicked' }, points: 0, maxPoints: 10 } });
    expectProblem(zero, 400, 'VALIDATION_FAILED');
    expect(zero.body.errors.map((e: { field: string }) => e.field)).toEqual(['points']);
    const tag = await attr({ type: 'tag', operator: 'has', value: '' });
    expectProblem(tag, 400, 'VALIDATION_FAILED');
    expect(tag.body.errors[0].code).not.toBe('invalid');
    const beh = await app.request('POST', '/scoring-rules', { token: a.accessToken, body: { name: 'x', kind: 'behaviour', condition: { eventType: 'Bad Type' }, points: 1 } });
    expectProblem(beh, 400, 'VALIDATION_FAILED');
    expect(beh.body.errors[0].field).toBe('condition');
    expect((await owner.query(`SELECT count(*)::int AS n FROM crm.scoring_rules WHERE tenant_id = $1 AND name = 'x'`, [a.tenant.id])).rows[0].n).toBe(0);
  });

  it('keeps rules and explanations to their tenant, and to admins', async () => {
    const rule = (await app.request('GET', '/scoring-rules', { token: a.accessToken })).body.items[0];
    expectProblem(await app.request('PATCH', `/scoring-rules/${rule.id}`, { token: b.accessToken, body: { points: 99 } }), 404, 'SCORING_RULE_NOT_FOUND');
    expectProblem(await app.request('DELETE', `/scoring-rules/${rule.id}`, { token: b.accessToken }), 404);
    expectProblem(await app.request('GET', `/leads/${ids.intern}/score`, { token: b.accessToken }), 404);
    expect((await app.request('GET', '/scoring-rules', { token: b.accessToken })).body.items).toEqual([]);
    expect((await owner.query(`SELECT points FROM crm.scoring_rules WHERE id = $1`, [rule.id])).rows[0].points).toBe(5);
    const key = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'k', scopes: ['leads:write', 'leads:read'] } })).body.key;
    expectProblem(await app.request('POST', '/scoring-rules', { apiKey: key, body: { name: 'k', kind: 'behaviour', condition: { eventType: 'a' }, points: 1 } }), 403);
  });
});
