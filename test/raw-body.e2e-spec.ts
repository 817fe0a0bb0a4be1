import type pg from 'pg';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';

/** Every route that takes a raw body (CSV streamed or buffered, multipart). */
const ROUTES = [
  { path: '/leads/imports?fileName=x.csv', takes: 'text/csv' },
  { path: '/products/import', takes: 'text/csv' },
  { path: '/properties/import', takes: 'text/csv' },
  { path: '/media', takes: 'multipart/form-data; boundary=x' },
];

/**
 * A raw-body route given a JSON body, another type, or no body at all answers at once with a
 * problem (a streamed upload used to wait for bytes forever). The client gives up after 3 s:
 * a request that is not answered by then fails the test.
 */
describe('raw-body routes answer bad bodies at once', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;

  async function post(path: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Res> {
    const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, ...headers }, body, signal: AbortSignal.timeout(3000) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: Object.fromEntries(res.headers.entries()) };
  }

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Raw Body A', 'rb');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it.each(ROUTES)('$path: a JSON body → 415 UNSUPPORTED_MEDIA_TYPE', async ({ path }) => {
    expectProblem(await post(path, { 'content-type': 'application/json' }, JSON.stringify({ email: 'json@exemple.fr' })), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(ROUTES)('$path: text/plain, XML or a body without a Content-Type → 415 UNSUPPORTED_MEDIA_TYPE', async ({ path }) => {
    expectProblem(await post(path, { 'content-type': 'text/plain' }, 'email\nplain@exemple.fr\n'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await post(path, { 'content-type': 'application/xml' }, '<leads/>'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await post(path, {}, new TextEncoder().encode('email\nuntyped@exemple.fr\n')), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(ROUTES)('$path: no body at all → 400 BODY_REQUIRED', async ({ path }) => {
    const res = await post(path, {});
    expectProblem(res, 400, 'BODY_REQUIRED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it('the multipart route refuses CSV and the CSV routes refuse multipart', async () => {
    expectProblem(await post('/media', { 'content-type': 'text/csv' }, 'a,b\n'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    for (const path of ['/leads/imports', '/products/import', '/properties/import']) {
      expectProblem(await post(path, { 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('keeps nothing of a refused upload', async () => {
    const imports = await owner.query(`SELECT count(*)::int AS n FROM crm.lead_imports WHERE tenant_id = $1`, [a.tenant.id]);
    const leads = await owner.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1`, [a.tenant.id]);
    expect({ imports: imports.rows[0].n, leads: leads.rows[0].n }).toEqual({ imports: 0, leads: 0 });
  });

  it('still takes the right body: a CSV upload is previewed', async () => {
    const res = await post('/leads/imports?fileName=ok.csv', { 'content-type': 'text/csv' }, 'email\nok@exemple.fr\n');
    expect(res.status).toBe(201);
    expect(res.body.headers).toEqual(['email']);
  });
});
