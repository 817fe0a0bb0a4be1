import { Logger } from '@nestjs/common';
import type pg from 'pg';
import { toProblem } from '../src/common/errors/problem-details.filter.js';
import { ScopedSql } from '../src/infra/database/scoped-sql.js';
import { PrismaService } from '../src/infra/prisma/prisma.service.js';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { insertNote } from './support/crm.js';
import { ownerClient } from './support/db.js';
import { gradient, uploadMedia } from './support/entities.js';

const DASHES = '-'.repeat(36);
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * A cursor the API gave, tampered with the way a client can: its time or id replaced inside the
 * decoded text. Works whatever the cursor's inner format, so it tests the values, not the
 * wrapping.
 */
function tamper(cursor: string, part: RegExp, by: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  expect(text).toMatch(part);
  return Buffer.from(text.replace(part, by)).toString('base64url');
}

/** A 400 problem that names `field` among its errors. */
function expectBadField(res: Res, field: string) {
  expectProblem(res, 400, 'VALIDATION_FAILED');
  expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

/**
 * Values PostgreSQL cannot read (an id of 36 dashes, years outside 1–9999, a date of "2020")
 * are refused at the edge with a 400 naming the field, in every list and filter that the
 * outside review found answering 500; and what still slips through to PostgreSQL is a 400 too.
 */
describe('bad input never reaches PostgreSQL as a 500', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let readKey: string;
  let leadId: string;
  let segmentId: string;

  const get = (url: string) => app.request('GET', url, { token: a.accessToken });
  /** The nextCursor (or nextBefore) of a one-item page of `url`. */
  async function realCursor(url: string, key = 'nextCursor'): Promise<string> {
    const res = await get(`${url}${url.includes('?') ? '&' : '?'}limit=1`);
    expect(res.status).toBe(200);
    expect(res.body[key]).toEqual(expect.any(String));
    return res.body[key];
  }

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Bad Input A', 'bi');
    const key = await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'read only', scopes: ['leads:read'] } });
    readKey = key.body.key;
    for (const n of [1, 2, 3]) {
      const lead = await app.request('POST', '/leads', { token: a.accessToken, body: { email: `bad.input.${n}@exemple.fr`, company: 'Bad Input Co' } });
      leadId = lead.body.id;
    }
    await insertNote(owner, a.tenant.id, leadId, 'first', new Date('2026-01-01T10:00:00Z'));
    await insertNote(owner, a.tenant.id, leadId, 'second', new Date('2026-01-02T10:00:00Z'));
    const segment = await app.request('POST', '/segments', {
      token: a.accessToken,
      body: { name: 'Bad input segment', rules: { op: 'and', conditions: [{ type: 'field', field: 'company', operator: 'eq', value: 'Bad Input Co' }] } },
    });
    expect(segment.status).toBe(201);
    segmentId = segment.body.id;
    for (const sku of ['BI-1', 'BI-2']) expect((await app.request('POST', '/products', { token: a.accessToken, body: { sku, name: sku } })).status).toBe(201);
    const png = await gradient(20, 20).png().toBuffer();
    for (const name of ['one.png', 'two.png']) expect((await uploadMedia(app, { token: a.accessToken }, png, name)).status).toBe(201);
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('lead list cursors: an id of 36 dashes, a date of "2020" or in year -100000 → 400 on cursor', async () => {
    const cursor = await realCursor('/leads');
    for (const bad of [tamper(cursor, UUID, DASHES), tamper(cursor, ISO_TIME, '2020'), tamper(cursor, ISO_TIME, '-100000-01-01T00:00:00.000Z')]) {
      expectBadField(await get(`/leads?cursor=${bad}`), 'cursor');
    }
    const byScore = await realCursor('/leads?sort=-score');
    expectBadField(await get(`/leads?sort=-score&cursor=${tamper(byScore, UUID, DASHES)}`), 'cursor');
    // A cursor of one sort is not a cursor of the other.
    expectBadField(await get(`/leads?sort=-score&cursor=${cursor}`), 'cursor');
  });

  it.each(['10000-01-01', '-100000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '0000-12-31', '2020', '2026-02-30', '2026-01-01T24:00:00Z', '1700000000000'])(
    'createdFrom / createdTo = %s → 400 naming the field, on the list and on the export (read-only API key)',
    async (value) => {
      expectBadField(await get(`/leads?createdFrom=${encodeURIComponent(value)}`), 'createdFrom');
      expectBadField(await app.request('GET', `/leads/export.csv?createdTo=${encodeURIComponent(value)}`, { apiKey: readKey }), 'createdTo');
    },
  );

  it('still takes the dates it always took: ISO dates and date-times, with or without offset, years 1 to 9999', async () => {
    for (const value of ['2026-01-01', '2026-01-01T10:00:00Z', '2026-01-01T12:00:00+02:00', '2026-01-01T10:00:00.123456Z', '0001-01-01', '9999-12-31T23:59:59Z']) {
      const res = await get(`/leads?createdFrom=${encodeURIComponent(value)}`);
      expect([value, res.status]).toEqual([value, 200]);
    }
    const future = await get(`/leads?createdFrom=${encodeURIComponent('9999-12-31T23:59:59Z')}`);
    expect(future.body.items).toEqual([]);
  });

  it('timeline cursors with a year of -100000 or an id of dashes → 400 on before', async () => {
    const before = await realCursor(`/leads/${leadId}/timeline`, 'nextBefore');
    expectBadField(await get(`/leads/${leadId}/timeline?before=${tamper(before, ISO_TIME, '-100000-01-01T00:00:00.000Z')}`), 'before');
    expectBadField(await get(`/leads/${leadId}/timeline?before=${tamper(before, UUID, DASHES)}`), 'before');
  });

  it.each([
    ['media', '/media'],
    ['products', '/products'],
    ['segment leads', '/segments/:segment/leads'],
    ['audit log', '/audit-logs'],
  ])('%s cursors with a year of -100000 or an id of dashes → 400 on cursor', async (_, path) => {
    const url = path.replace(':segment', segmentId);
    const cursor = await realCursor(url);
    expectBadField(await get(`${url}?cursor=${tamper(cursor, ISO_TIME, '-100000-01-01T00:00:00.000Z')}`), 'cursor');
    expectBadField(await get(`${url}?cursor=${tamper(cursor, ISO_TIME, '+010000-01-01T00:00:00.000Z')}`), 'cursor');
    expectBadField(await get(`${url}?cursor=${tamper(cursor, UUID, DASHES)}`), 'cursor');
  });

  it('/audit-logs?from=-100000-… and to=10000-… → 400; an API key expiring in year 10000 → 400', async () => {
    expectBadField(await get(`/audit-logs?from=${encodeURIComponent('-100000-01-01T00:00:00Z')}`), 'from');
    expectBadField(await get('/audit-logs?to=10000-01-01'), 'to');
    const key = await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'far future', scopes: ['leads:read'], expiresAt: '10000-01-01T00:00:00Z' } });
    expectBadField(key, 'expiresAt');
    const numeric = await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'epoch', scopes: ['leads:read'], expiresAt: 4102444800000 } });
    expectBadField(numeric, 'expiresAt');
  });

  it('null for a field that cannot be empty, and integers beyond what PostgreSQL stores → 400 naming the field (found by the fuzz test)', async () => {
    const post = (path: string, body: unknown) => app.request('POST', path, { token: a.accessToken, body });
    const patch = (path: string, body: unknown) => app.request('PATCH', path, { token: a.accessToken, body });
    expectBadField(await post('/leads', { email: 'null.tags@exemple.fr', tags: null }), 'tags');
    expectBadField(await patch(`/leads/${leadId}`, { customFields: null }), 'customFields');
    expectBadField(await patch(`/leads/${leadId}`, { lifecycleStage: null }), 'lifecycleStage');
    expectBadField(await post('/custom-fields', { key: 'too_far', label: 'Far', type: 'text', position: 1e308 }), 'position');
    expectBadField(await post('/custom-fields', { key: 'no_options', label: 'None', type: 'select', options: null }), 'options');
    expectBadField(await patch(`/segments/${segmentId}`, { name: null }), 'name');
    const upload = await fetch(`${app.url}/leads/imports?fileName=x.csv`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'text/csv' }, body: new Uint8Array([0x65, 0, 0x6d, 0, 0x0a, 0]) });
    expect(upload.status).toBe(422);
    expect(await upload.json()).toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });

  it('JSON nested deeper than 64 levels → 400 naming where, however deep (found by the fuzz test: a stack overflow)', async () => {
    const deep = (depth: number): object => (depth ? { op: 'and', conditions: [deep(depth - 1)] } : { type: 'field', field: 'company', operator: 'eq', value: 'x' });
    const res = await app.request('POST', '/segments/preview', { token: a.accessToken, body: { rules: deep(1000) } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'tooDeep' })]);
    const arrays = `{"rules":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expectProblem(await app.request('POST', '/segments/preview', { token: a.accessToken, rawBody: arrays }), 400, 'VALIDATION_FAILED');
    expect((await app.request('POST', '/segments/preview', { token: a.accessToken, body: { rules: deep(3) } })).status).toBe(200);
  });

  it('maps PostgreSQL invalid-input errors, raised by pg or wrapped by Prisma, to a 400 problem (logged as the bugs they are)', async () => {
    const prisma = app.nest.get(PrismaService);
    const sql = app.nest.get(ScopedSql);
    const scope = { tenantId: a.tenant.id };
    const failures = await Promise.all(
      [
        prisma.scoped(scope, (tx) => tx.lead.findFirst({ where: { id: DASHES } })),
        prisma.scoped(scope, (tx) => tx.$queryRawUnsafe(`SELECT $1::timestamptz`, '-100000-01-01T00:00:00Z')),
        prisma.scoped(scope, (tx) => tx.$queryRawUnsafe(`SELECT '2026-13-45'::date`)),
        prisma.scoped(scope, (tx) => tx.$queryRawUnsafe(`SELECT 99999999999::int`)),
        sql.query(scope, `SELECT $1::uuid`, [DASHES]),
        sql.query(scope, `SELECT $1::timestamptz`, ['+010000-01-01T00:00:00.000Z']),
        sql.query(scope, `SELECT 'yesterday-ish'::timestamptz`),
        prisma.scoped(scope, (tx) => tx.$queryRawUnsafe(`SELECT $1::text`, 'nul\u0000byte')),
      ].map((p) => p.then(() => undefined, (err: unknown) => err)),
    );
    const logged: unknown[] = [];
    const logger = { error: (entry: unknown) => logged.push(entry) } as unknown as Logger;
    for (const err of failures) {
      expect(err).toBeDefined();
      expect(toProblem(err, { url: '/x', id: 'req-1' }, logger)).toMatchObject({ status: 400, code: 'INVALID_INPUT', requestId: 'req-1' });
    }
    expect(logged).toHaveLength(failures.length);
    // Anything else from the database stays a 500.
    const other = await sql.query(scope, 'SELECT * FROM no_such_table').catch((err: unknown) => err);
    expect(toProblem(other, { url: '/x', id: 'req-2' }, logger)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
  });
});
