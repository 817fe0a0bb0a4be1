import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { createTestApp, register, type TestApp } from './support/app.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { ownerClient } from './support/db.js';
import { waitFor } from './support/wait.js';

/**
 * A database error while a streamed response is being produced used to kill the process (an
 * 'error' event with no listener). This runs the real server (`node dist/main.js api`) as a
 * child process, so "the process survives" means exactly that.
 */
describe('stream errors do not take the process down', () => {
  let server: ChildServer;
  let base: string;
  let owner: pg.Client;
  let token: string;
  let tenantId: string;
  let readKey: string;

  const request = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  const alive = () => server.alive();

  beforeAll(async () => {
    server = await startChildServer('api');
    base = server.base;
    const registered = await request('/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `stream.${process.pid}.${Date.now()}@example.test`, password: 'correct horse battery', name: 'Stream Owner', tenantName: 'Stream Errors' }),
    }).then((r) => r.json() as Promise<{ accessToken: string; tenant: { id: string } }>);
    token = registered.accessToken;
    tenantId = registered.tenant.id;
    const key = await request('/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'read only', scopes: ['leads:read'] }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    readKey = key.key;
    owner = await ownerClient();
  }, 60_000);
  afterAll(async () => {
    await owner?.end();
    await server?.stop();
  });

  async function expectServing() {
    expect(alive()).toBe(true);
    const health = await request('/health');
    expect(health.status).toBe(200);
    const leads = await request('/leads?limit=1', { headers: { 'x-api-key': readKey } });
    expect(leads.status).toBe(200);
  }

  it('GET /leads/export.csv?createdFrom=10000-01-01 with a read-only API key: a 400 problem, and the process serves on', async () => {
    const res = await request('/leads/export.csv?createdFrom=10000-01-01', { headers: { 'x-api-key': readKey } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'createdFrom' })] });
    await expectServing();
  });

  it('a database error on a later page of an export aborts that response, is logged, and the process serves on', async () => {
    // 2,001 leads in year 10000, inserted behind the API's back: the first page (2,000 rows) reads
    // fine, but the keyset cursor of the second page is a year PostgreSQL cannot read
    // ("+010000-…"), so the second page's query fails once the CSV is already being sent.
    await owner.query(
      `INSERT INTO crm.leads (tenant_id, email, created_at)
       SELECT $1, 'far.future.' || g || '@example.test', timestamptz '10000-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, 2001) g`,
      [tenantId],
    );
    const res = await request('/leads/export.csv', { headers: { 'x-api-key': readKey } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // The transfer is cut: the client cannot mistake the first page for the whole file.
    await expect(res.text()).rejects.toThrow();
    await waitFor(async () => server.output().includes('lead export failed after it started'), 10_000);
    await expectServing();
  });
});

describe('a storage read error during a lead import', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lynara-read-error-'));
    app = await createTestApp({ DATA_DIR: dataDir }, 'all');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails the attempt with the read error (recorded on its job) instead of killing the worker', async () => {
    const s = await register(app, 'Read Error', 're');
    const uploaded = await fetch(`${app.url}/leads/imports?fileName=unreadable.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'text/csv' },
      body: 'email\nread.error@exemple.fr\n',
    }).then((r) => r.json() as Promise<{ id: string }>);
    // The stored upload now fails on its first read (EIO): a regular file by stat, unreadable at
    // offset 0, as a failing disk or network volume would be.
    const stored = join(dataDir, s.tenant.id, uploaded.id, 'upload.csv');
    rmSync(stored);
    symlinkSync('/proc/self/mem', stored);
    const started = await app.request('POST', `/leads/imports/${uploaded.id}/start`, { token: s.accessToken, body: {} });
    expect(started.status).toBe(200);
    const job = await waitFor(async () => {
      const res = await app.request('GET', `/jobs/${started.body.jobId}`, { token: s.accessToken });
      return res.body.error ? res.body : undefined;
    });
    expect(job.error).toMatch(/EIO/);
    expect((await app.request('GET', '/health')).status).toBe(200);
  });
});
