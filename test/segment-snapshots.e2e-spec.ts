import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { waitFor } from './support/wait.js';

describe('segment snapshots', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  const leadIds: Record<string, string> = {};
  const salon = { op: 'and', conditions: [{ type: 'tag', operator: 'has', value: 'salon' }] };

  const emails = (page: { items: { email: string }[] }) => page.items.map((l) => l.email).sort();
  const taken = (token: string, segmentId: string, snapshot: { id: string; jobId: string }) =>
    waitFor(async () => {
      const job = (await app.request('GET', `/jobs/${snapshot.jobId}`, { token })).body;
      if (job.state === 'failed') throw new Error(job.error);
      return job.state === 'completed' && (await app.request('GET', `/segments/${segmentId}/snapshots/${snapshot.id}`, { token })).body;
    });

  beforeAll(async () => {
    app = await createTestApp({}, 'all');
    owner = await ownerClient();
    a = await register(app, 'Snapshots A', 'spa');
    b = await register(app, 'Snapshots B', 'spb');
    for (const [name, tags] of [['anne', ['salon']], ['bruno', ['salon']], ['chloe', []]] as const) {
      leadIds[name] = (await app.request('POST', '/leads', { token: a.accessToken, body: { email: `${name}@exemple.fr`, tags } })).body.id;
    }
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('freezes a dynamic segment\'s members: later changes move the segment, not the snapshot', async () => {
    const segment = (await app.request('POST', '/segments', { token: a.accessToken, body: { name: 'Salon', rules: salon } })).body;
    const requested = await app.request('POST', `/segments/${segment.id}/snapshots`, { token: a.accessToken, body: { purpose: 'Relance salon' } });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ segmentId: segment.id, kind: 'dynamic', rules: salon, purpose: 'Relance salon', takenAt: null });
    const snapshot = await taken(a.accessToken, segment.id, requested.body);
    expect(snapshot).toMatchObject({ size: 2, takenAt: expect.any(String) });

    await app.request('POST', '/leads/bulk', { token: a.accessToken, body: { ids: [leadIds.chloe], action: 'addTags', tags: ['salon'] } });
    await app.request('POST', '/leads/bulk', { token: a.accessToken, body: { ids: [leadIds.anne], action: 'removeTags', tags: ['salon'] } });
    expect(emails((await app.request('GET', `/segments/${segment.id}/leads`, { token: a.accessToken })).body)).toEqual(['bruno@exemple.fr', 'chloe@exemple.fr']);
    const frozen = await app.request('GET', `/segments/${segment.id}/snapshots/${snapshot.id}/leads?limit=1`, { token: a.accessToken });
    expect(frozen.body.items).toHaveLength(1);
    const rest = await app.request('GET', `/segments/${segment.id}/snapshots/${snapshot.id}/leads?limit=1&cursor=${frozen.body.nextCursor}`, { token: a.accessToken });
    expect([...emails(frozen.body), ...emails(rest.body)].sort()).toEqual(['anne@exemple.fr', 'bruno@exemple.fr']);
    expect(rest.body.nextCursor).toBeNull();

    const list = await app.request('GET', `/segments/${segment.id}/snapshots`, { token: a.accessToken });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([snapshot.id]);
  });

  it('freezes a static segment\'s stored members', async () => {
    const segment = (await app.request('POST', '/segments', { token: a.accessToken, body: { name: 'Salon figé', kind: 'static', rules: salon } })).body;
    const requested = await app.request('POST', `/segments/${segment.id}/snapshots`, { token: a.accessToken, body: {} });
    const snapshot = await taken(a.accessToken, segment.id, requested.body);
    expect(snapshot).toMatchObject({ kind: 'static', size: segment.leadCount, purpose: null });
  });

  it('answers 409 while a snapshot is being taken, 404 for unknown ids, 400 for bad input', async () => {
    const segment = (await app.request('GET', '/segments', { token: a.accessToken })).body.items[0];
    const pending = await owner.query(`INSERT INTO crm.segment_snapshots (tenant_id, segment_id, kind, rules) VALUES ($1, $2, 'dynamic', '{}') RETURNING id`, [a.tenant.id, segment.id]);
    expectProblem(await app.request('GET', `/segments/${segment.id}/snapshots/${pending.rows[0].id}/leads`, { token: a.accessToken }), 409, 'SNAPSHOT_NOT_READY');
    expectProblem(await app.request('GET', `/segments/${segment.id}/snapshots/00000000-0000-7000-8000-000000000000`, { token: a.accessToken }), 404, 'SNAPSHOT_NOT_FOUND');
    expectProblem(await app.request('POST', '/segments/00000000-0000-7000-8000-000000000000/snapshots', { token: a.accessToken, body: {} }), 404, 'SEGMENT_NOT_FOUND');
    expectProblem(await app.request('POST', `/segments/${segment.id}/snapshots`, { token: a.accessToken, body: { purpose: 42 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.request('GET', `/segments/${segment.id}/snapshots/not-a-uuid`, { token: a.accessToken }), 400);
  });

  it('keeps snapshots to their tenant', async () => {
    const segment = (await app.request('GET', '/segments', { token: a.accessToken })).body.items.find((s: { name: string }) => s.name === 'Salon');
    const snapshot = (await app.request('GET', `/segments/${segment.id}/snapshots`, { token: a.accessToken })).body.items[0];
    const before = (await owner.query(`SELECT count(*)::int AS n FROM crm.segment_snapshots`)).rows[0].n;
    expectProblem(await app.request('POST', `/segments/${segment.id}/snapshots`, { token: b.accessToken, body: {} }), 404, 'SEGMENT_NOT_FOUND');
    expectProblem(await app.request('GET', `/segments/${segment.id}/snapshots`, { token: b.accessToken }), 404, 'SEGMENT_NOT_FOUND');
    expectProblem(await app.request('GET', `/segments/${segment.id}/snapshots/${snapshot.id}/leads`, { token: b.accessToken }), 404);
    // B's own segment with A's snapshot id: still nothing.
    const own = (await app.request('POST', '/segments', { token: b.accessToken, body: { name: 'Mine', rules: salon } })).body;
    expectProblem(await app.request('GET', `/segments/${own.id}/snapshots/${snapshot.id}`, { token: b.accessToken }), 404, 'SNAPSHOT_NOT_FOUND');
    expect((await owner.query(`SELECT count(*)::int AS n FROM crm.segment_snapshots`)).rows[0].n).toBe(before);
    const members = await owner.query(`SELECT DISTINCT tenant_id FROM crm.segment_snapshot_members WHERE snapshot_id = $1`, [snapshot.id]);
    expect(members.rows).toEqual([{ tenant_id: a.tenant.id }]);
  });
});
