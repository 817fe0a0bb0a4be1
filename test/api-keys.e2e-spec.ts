import { createHash } from 'node:crypto';
import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { insertLeads, ownerClient } from './support/db.js';
import { addMember, sleep } from './support/team.js';

describe('API keys', () => {
  let app: TestApp;
  /** A second API replica on the same database and Redis. */
  let replica: TestApp;
  let db: pg.Client;
  let owner: Session;
  let leadIds: string[];

  beforeAll(async () => {
    replica = await createTestApp();
    app = await createTestApp();
    db = await ownerClient();
    owner = await register(app, 'Keys Co');
    leadIds = await insertLeads(db, owner.tenant.id, 3, 'keys');
  });
  afterAll(async () => {
    await db.end();
    await replica.close();
    await app.close();
  });

  const createKey = async (s: Session, body: Record<string, unknown>) => {
    const res = await app.request('POST', '/api-keys', { token: s.accessToken, body });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; prefix: string; name: string; scopes: string[] };
  };
  const listKeys = async (s: Session = owner) => {
    const res = await app.request('GET', '/api-keys', { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, unknown>>;
  };

  it('creates a key (201): lyn_ secret returned once, prefix is its start, scopes de-duplicated', async () => {
    const res = await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'Website form', scopes: ['leads:read', 'leads:write', 'leads:read'] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Website form',
      key: expect.stringMatching(/^lyn_[A-Za-z0-9_-]{30,}$/),
      prefix: expect.stringMatching(/^lyn_/),
      scopes: ['leads:read', 'leads:write'],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(res.body.key.startsWith(res.body.prefix)).toBe(true);
    expect(res.body.prefix.length).toBeGreaterThan(4);
    expect(res.body.prefix.length).toBeLessThan(res.body.key.length);
    expect(Object.keys(res.body).some((k) => /hash/i.test(k))).toBe(false);
  });

  it('never lists the secret or its hash', async () => {
    const created = await createKey(owner, { name: 'Secret keeper', scopes: ['leads:read'] });
    const items = await listKeys();
    const listed = items.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ id: created.id, name: 'Secret keeper', prefix: created.prefix, scopes: ['leads:read'] });
    expect(listed).not.toHaveProperty('key');
    for (const item of items) expect(Object.keys(item).filter((k) => /key$|hash|secret/i.test(k))).toEqual([]);
    const raw = JSON.stringify(items);
    expect(raw).not.toContain(created.key);
    expect(raw).not.toContain(createHash('sha256').update(created.key).digest('hex'));
  });

  it('lists the scopes a key can have', async () => {
    const res = await app.request('GET', '/api-keys/scopes', { token: owner.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expect.arrayContaining([{ scope: 'leads:read', description: expect.any(String) }, { scope: 'jobs:read', description: expect.any(String) }]));
  });

  it('authenticates as Authorization: Bearer lyn_… and as X-API-Key, sees its tenant\'s leads, and records lastUsedAt', async () => {
    const { id, key } = await createKey(owner, { name: 'Reader', scopes: ['leads:read'] });
    const bearer = await app.request('GET', '/leads', { headers: { authorization: `Bearer ${key}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.body.items.map((l: { id: string }) => l.id).sort()).toEqual([...leadIds].sort());
    const header = await app.request('GET', '/leads', { apiKey: key });
    expect(header.status).toBe(200);
    expect(header.body.items).toHaveLength(leadIds.length);

    const listed = (await listKeys()).find((k) => k.id === id)!;
    expect(listed.lastUsedAt).not.toBeNull();
    expect(Math.abs(new Date(listed.lastUsedAt as string).getTime() - Date.now())).toBeLessThan(60_000);

    // Another tenant's key sees only its own tenant's leads.
    const other = await register(app);
    const otherKey = await createKey(other, { name: 'Other reader', scopes: ['leads:read'] });
    const theirs = await app.request('GET', '/leads', { apiKey: otherKey.key });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
  });

  it('refuses a key without the needed scope (403 INSUFFICIENT_SCOPE)', async () => {
    const { key } = await createKey(owner, { name: 'Campaigns only', scopes: ['campaigns:read'] });
    expectProblem(await app.request('GET', '/leads', { apiKey: key }), 403, 'INSUFFICIENT_SCOPE');
    expectProblem(await app.request('GET', '/leads', { headers: { authorization: `Bearer ${key}` } }), 403, 'INSUFFICIENT_SCOPE');
  });

  it('refuses keys on endpoints for people only (403), whatever their scopes', async () => {
    const { key } = await createKey(owner, { name: 'All scopes', scopes: ['leads:read', 'leads:write', 'jobs:read', 'analytics:read'] });
    for (const url of ['/api-keys', '/api-keys/scopes', '/auth/me', '/members', '/audit-logs', '/invitations']) {
      expectProblem(await app.request('GET', url, { apiKey: key }), 403, 'FORBIDDEN');
    }
    const before = (await listKeys()).length;
    expectProblem(await app.request('POST', '/api-keys', { apiKey: key, body: { name: 'Minted by a key', scopes: ['leads:read'] } }), 403, 'FORBIDDEN');
    expectProblem(await app.request('POST', '/auth/switch-tenant', { apiKey: key, body: { tenantId: owner.tenant.id } }), 403, 'FORBIDDEN');
    expect(await listKeys()).toHaveLength(before);
  });

  it('answers 401 for unknown, malformed or oversized keys', async () => {
    const { key } = await createKey(owner, { name: 'Real', scopes: ['leads:read'] });
    const forged = `${key.slice(0, -4)}AAAA` === key ? `${key.slice(0, -4)}BBBB` : `${key.slice(0, -4)}AAAA`;
    expectProblem(await app.request('GET', '/leads', { apiKey: forged }), 401, 'UNAUTHENTICATED');
    expectProblem(await app.request('GET', '/leads', { headers: { authorization: `Bearer ${forged}` } }), 401, 'UNAUTHENTICATED');
    expectProblem(await app.request('GET', '/leads', { apiKey: 'not-a-lynara-key' }), 401, 'UNAUTHENTICATED');
    expectProblem(await app.request('GET', '/leads', { apiKey: `lyn_${'x'.repeat(200)}` }), 401, 'UNAUTHENTICATED');
    expectProblem(await app.request('GET', '/leads', { headers: { authorization: 'Bearer lyn_' } }), 401, 'UNAUTHENTICATED');
  });

  it('revocation is immediate on every replica; revoking again is 404', async () => {
    const { id, key } = await createKey(owner, { name: 'Soon revoked', scopes: ['leads:read'] });
    expect((await replica.request('GET', '/leads', { apiKey: key })).status).toBe(200);
    expect((await app.request('GET', '/leads', { apiKey: key })).status).toBe(200);

    expect((await app.request('DELETE', `/api-keys/${id}`, { token: owner.accessToken })).status).toBe(204);
    expectProblem(await app.request('GET', '/leads', { apiKey: key }), 401, 'UNAUTHENTICATED');
    expectProblem(await replica.request('GET', '/leads', { apiKey: key }), 401, 'UNAUTHENTICATED');
    expectProblem(await replica.request('GET', '/leads', { headers: { authorization: `Bearer ${key}` } }), 401, 'UNAUTHENTICATED');

    const listed = (await listKeys()).find((k) => k.id === id)!;
    expect(listed.revokedAt).not.toBeNull();
    expectProblem(await app.request('DELETE', `/api-keys/${id}`, { token: owner.accessToken }), 404, 'NOT_FOUND');
    expectProblem(await app.request('DELETE', '/api-keys/00000000-0000-4000-8000-000000000000', { token: owner.accessToken }), 404, 'NOT_FOUND');
    expectProblem(await app.request('DELETE', '/api-keys/not-a-uuid', { token: owner.accessToken }), 400);
  });

  it('another tenant cannot revoke a key (404) and the key keeps working', async () => {
    const { id, key } = await createKey(owner, { name: 'Not yours', scopes: ['leads:read'] });
    const other = await register(app);
    expectProblem(await app.request('DELETE', `/api-keys/${id}`, { token: other.accessToken }), 404, 'NOT_FOUND');
    expect((await app.request('GET', '/leads', { apiKey: key })).status).toBe(200);
    expect((await listKeys(other)).map((k) => k.id)).not.toContain(id);
  });

  it('refuses an expiry in the past (400) and creates nothing', async () => {
    const before = (await listKeys()).length;
    const res = await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'Already dead', scopes: ['leads:read'], expiresAt: new Date(Date.now() - 60_000).toISOString() } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('expiresAt');
    const notADate = await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'Bad date', scopes: ['leads:read'], expiresAt: 'next tuesday' } });
    expectProblem(notADate, 400, 'VALIDATION_FAILED');
    expect(notADate.body.errors.map((e: { field: string }) => e.field)).toContain('expiresAt');
    expect(await listKeys()).toHaveLength(before);
  });

  it('a key stops working when its expiry passes', async () => {
    const expiresAt = new Date(Date.now() + 1500);
    const created = await createKey(owner, { name: 'Short-lived', scopes: ['leads:read'], expiresAt: expiresAt.toISOString() });
    expect(new Date((created as unknown as { expiresAt: string }).expiresAt).getTime()).toBe(expiresAt.getTime());
    expect((await app.request('GET', '/leads', { apiKey: created.key })).status).toBe(200);
    await sleep(Math.max(0, expiresAt.getTime() - Date.now()) + 100);
    expectProblem(await app.request('GET', '/leads', { apiKey: created.key }), 401, 'UNAUTHENTICATED');
    expectProblem(await replica.request('GET', '/leads', { apiKey: created.key }), 401, 'UNAUTHENTICATED');
  });

  it('rejects unknown, empty or missing scopes and a missing name with field errors', async () => {
    const before = (await listKeys()).length;
    const unknown = await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'X', scopes: ['leads:read', 'root:everything'] } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toContain('scopes');
    const empty = await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'X', scopes: [] } });
    expectProblem(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toContain('scopes');
    const nothing = await app.request('POST', '/api-keys', { token: owner.accessToken, body: {} });
    expectProblem(nothing, 400, 'VALIDATION_FAILED');
    expect(nothing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'scopes']));
    const notArray = await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'X', scopes: 'leads:read' } });
    expectProblem(notArray, 400, 'VALIDATION_FAILED');
    expect(await listKeys()).toHaveLength(before);
  });

  it('only owners and admins manage keys: marketers and viewers get 403', async () => {
    const admin = await addMember(app, owner, 'admin');
    const marketer = await addMember(app, owner, 'marketer');
    const viewer = await addMember(app, owner, 'viewer');
    const made = await createKey(admin, { name: 'By admin', scopes: ['leads:read'] });
    const before = (await listKeys()).length;
    for (const s of [marketer, viewer]) {
      expectProblem(await app.request('POST', '/api-keys', { token: s.accessToken, body: { name: 'Nope', scopes: ['leads:read'] } }), 403, 'FORBIDDEN');
      expectProblem(await app.request('GET', '/api-keys', { token: s.accessToken }), 403, 'FORBIDDEN');
      expectProblem(await app.request('DELETE', `/api-keys/${made.id}`, { token: s.accessToken }), 403, 'FORBIDDEN');
    }
    expect(await listKeys()).toHaveLength(before);
    expect((await app.request('GET', '/leads', { apiKey: made.key })).status).toBe(200);
  });
});
