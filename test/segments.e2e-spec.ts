import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';

describe('segments', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const clickedTwice = { type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 };
  const directors = { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' };

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Segments A', 'sa');
    b = await register(app, 'Segments B', 'sb');
    const lead = (email: string, jobTitle: string, tags: string[] = []) => app.request('POST', '/leads', { token: a.accessToken, body: { email, jobTitle, tags } });
    await lead('anne@exemple.fr', 'Directeur commercial', ['vip']);
    await lead('bruno@exemple.fr', 'Directeur marketing');
    await lead('chloe@exemple.fr', 'Stagiaire', ['vip']);
    // B has a director who clicked too: it must never show up in A's counts.
    await app.request('POST', '/leads', { token: b.accessToken, body: { email: 'anne@exemple.fr', jobTitle: 'Directeur' } });
    const ev = (email: string, when: string, token = a.accessToken) => ({ token, body: { events: [{ type: 'email.clicked', lead: { email }, occurredAt: when }] } });
    for (const when of [days(1), days(5)]) await app.request('POST', '/events', ev('anne@exemple.fr', when));
    for (const when of [days(2), days(60)]) await app.request('POST', '/events', ev('bruno@exemple.fr', when));
    for (const when of [days(1), days(3)]) await app.request('POST', '/events', ev('anne@exemple.fr', when, b.accessToken));
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('previews a live count and sample, behaviour conditions included', async () => {
    const both = await app.request('POST', '/segments/preview', { token: a.accessToken, body: { rules: { op: 'and', conditions: [directors, clickedTwice] } } });
    expect(both.status).toBe(200);
    expect(both.body.count).toBe(1);
    expect(both.body.sample.map((l: { email: string }) => l.email)).toEqual(['anne@exemple.fr']);
    const either = await app.request('POST', '/segments/preview', {
      token: a.accessToken,
      body: { rules: { op: 'or', conditions: [{ type: 'tag', operator: 'has', value: 'vip' }, clickedTwice] } },
    });
    expect(either.body.count).toBe(2);
    const never = await app.request('POST', '/segments/preview', {
      token: a.accessToken,
      body: { rules: { op: 'and', conditions: [{ type: 'event', eventType: 'email.clicked', operator: 'never' }] } },
    });
    expect(never.body.sample.map((l: { email: string }) => l.email)).toEqual(['chloe@exemple.fr']);
  });

  it('compares text as a person reads it: Ville = "saint-etienne" matches "Saint-Étienne", whatever the case, accents or ligatures', async () => {
    const c = await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'ville', label: 'Ville', type: 'text' } });
    expect(c.status).toBe(201);
    const lead = (email: string, firstName: string, company: string, ville: string) =>
      app.request('POST', '/leads', { token: a.accessToken, body: { email, firstName, company, customFields: { ville } } });
    await lead('helene@saint-etienne.fr', 'Hélène', 'Cœur de Loire', 'Saint-Étienne');
    await lead('marc@saint-etienne.fr', 'Marc', 'Agence du Forez', 'SAINT-ETIENNE');
    await lead('lea@lyon.fr', 'Léa', 'Straße Immobilier', 'Lyon');
    // B has a lead in Saint-Étienne too: never in A's results.
    await app.request('POST', '/custom-fields', { token: b.accessToken, body: { key: 'ville', label: 'Ville', type: 'text' } });
    await app.request('POST', '/leads', { token: b.accessToken, body: { email: 'zoe@saint-etienne.fr', customFields: { ville: 'Saint-Étienne' } } });
    const emails = async (conditions: unknown[]) => {
      const res = await app.request('POST', '/segments/preview', { token: a.accessToken, body: { rules: { op: 'and', conditions } } });
      expect(res.status).toBe(200);
      return (res.body.sample as { email: string }[]).map((l) => l.email).sort();
    };
    const ville = (operator: string, value: unknown) => ({ type: 'customField', key: 'ville', valueType: 'text', operator, value });
    expect(await emails([ville('eq', 'saint-etienne')])).toEqual(['helene@saint-etienne.fr', 'marc@saint-etienne.fr']);
    expect(await emails([ville('eq', 'Saint-Étienne')])).toEqual(['helene@saint-etienne.fr', 'marc@saint-etienne.fr']);
    expect(await emails([ville('startsWith', 'saint-é')])).toEqual(['helene@saint-etienne.fr', 'marc@saint-etienne.fr']);
    expect(await emails([ville('in', ['LYON', 'Marseille'])])).toEqual(['lea@lyon.fr']);
    expect(await emails([{ type: 'field', field: 'firstName', operator: 'eq', value: 'helene' }])).toEqual(['helene@saint-etienne.fr']);
    expect(await emails([{ type: 'field', field: 'firstName', operator: 'eq', value: 'LÉA' }])).toEqual(['lea@lyon.fr']);
    expect(await emails([{ type: 'field', field: 'company', operator: 'contains', value: 'coeur' }])).toEqual(['helene@saint-etienne.fr']);
    expect(await emails([{ type: 'field', field: 'company', operator: 'contains', value: 'strasse' }])).toEqual(['lea@lyon.fr']);
  });

  it('answers 400 naming the bad node of an invalid rule tree', async () => {
    const res = await app.request('POST', '/segments/preview', {
      token: a.accessToken,
      body: { rules: { op: 'and', conditions: [directors, { type: 'field', field: 'score', operator: 'contains', value: 'x' }] } },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('rules.conditions[1].operator');
    const unknownField = await app.request('POST', '/segments/preview', {
      token: a.accessToken,
      body: { rules: { op: 'and', conditions: [{ type: 'customField', key: 'nope', valueType: 'text', operator: 'isSet' }] } },
    });
    expectProblem(unknownField, 400, 'VALIDATION_FAILED');
    expectProblem(await app.request('POST', '/segments/preview', { token: a.accessToken, body: { rules: 'DROP TABLE' } }), 400);
  });

  it('keeps a static segment\'s members until refreshed, while a dynamic one follows the data', async () => {
    const rules = { op: 'and', conditions: [directors] };
    const stat = await app.request('POST', '/segments', { token: a.accessToken, body: { name: 'Directeurs (figé)', kind: 'static', rules } });
    const dyn = await app.request('POST', '/segments', { token: a.accessToken, body: { name: 'Directeurs', rules } });
    expect(stat.status).toBe(201);
    expect([stat.body.leadCount, dyn.body.leadCount]).toEqual([2, 2]);
    await app.request('POST', '/leads', { token: a.accessToken, body: { email: 'dora@exemple.fr', jobTitle: 'Directrice / Directeur adjoint' } });
    const leadsOf = async (id: string) => (await app.request('GET', `/segments/${id}/leads`, { token: a.accessToken })).body.items.map((l: { email: string }) => l.email).sort();
    expect(await leadsOf(stat.body.id)).toEqual(['anne@exemple.fr', 'bruno@exemple.fr']);
    expect(await leadsOf(dyn.body.id)).toEqual(['anne@exemple.fr', 'bruno@exemple.fr', 'dora@exemple.fr']);
    const refreshed = await app.request('POST', `/segments/${stat.body.id}/refresh`, { token: a.accessToken });
    expect(refreshed.body.leadCount).toBe(3);
    expect(await leadsOf(stat.body.id)).toHaveLength(3);
    const sizes = await app.request('GET', `/segments/${stat.body.id}/sizes`, { token: a.accessToken });
    expect(sizes.body.items.map((s: { size: number }) => s.size)).toEqual([2, 3]);
    expectProblem(await app.request('POST', '/segments', { token: a.accessToken, body: { name: 'Directeurs', rules } }), 409, 'SEGMENT_NAME_TAKEN');
  });

  it('keeps segments to their tenant: by id, in lists, and in what rules can reach', async () => {
    const seg = await app.request('POST', '/segments', { token: a.accessToken, body: { name: 'A only', rules: { op: 'and', conditions: [clickedTwice] } } });
    for (const [method, path] of [
      ['GET', `/segments/${seg.body.id}`],
      ['GET', `/segments/${seg.body.id}/leads`],
      ['GET', `/segments/${seg.body.id}/sizes`],
      ['POST', `/segments/${seg.body.id}/refresh`],
      ['DELETE', `/segments/${seg.body.id}`],
    ] as const) {
      expectProblem(await app.request(method, path, { token: b.accessToken }), 404, 'SEGMENT_NOT_FOUND');
    }
    expectProblem(await app.request('PATCH', `/segments/${seg.body.id}`, { token: b.accessToken, body: { name: 'mine' } }), 404);
    expect((await app.request('GET', '/segments', { token: b.accessToken })).body.items).toEqual([]);
    // B's rules only ever see B's leads and events, even naming A's owner id.
    const bCount = await app.request('POST', '/segments/preview', { token: b.accessToken, body: { rules: { op: 'and', conditions: [clickedTwice] } } });
    expect(bCount.body.count).toBe(1);
    const byOwner = await app.request('POST', '/segments/preview', {
      token: b.accessToken,
      body: { rules: { op: 'and', conditions: [{ type: 'field', field: 'ownerId', operator: 'eq', value: a.user.id }] } },
    });
    expect(byOwner.body.count).toBe(0);
    expect((await app.request('GET', `/segments/${seg.body.id}`, { token: a.accessToken })).status).toBe(200);
  });

  it('lets viewers look but not change, and API keys by scope', async () => {
    const key = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'ro', scopes: ['leads:read'] } })).body.key;
    expect((await app.request('POST', '/segments/preview', { apiKey: key, body: { rules: { op: 'and', conditions: [directors] } } })).status).toBe(200);
    expectProblem(await app.request('POST', '/segments', { apiKey: key, body: { name: 'x', rules: { op: 'and', conditions: [directors] } } }), 403, 'INSUFFICIENT_SCOPE');
  });
});
