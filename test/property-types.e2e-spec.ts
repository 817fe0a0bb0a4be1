import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createProperty, postRaw } from './support/entities.js';

const run = promisify(execFile);

describe('listing types and energy ratings', () => {
  let app: TestApp;
  let owner: Session;
  const post = (body: Record<string, unknown>) => app.request('POST', '/properties', { token: owner.accessToken, body });
  const patch = (id: string, body: Record<string, unknown>) => app.request('PATCH', `/properties/${id}`, { token: owner.accessToken, body });

  beforeAll(async () => {
    app = await createTestApp();
    owner = await register(app, 'Agence Types', 'types');
  });
  afterAll(async () => {
    await app.close();
  });

  it('takes a type from the list, with description, rooms, bedrooms, surface and an energy rating A to G', async () => {
    const res = await post({ reference: 'DPE-1', title: 'Maison de ville', propertyType: 'house', description: 'Jardin clos, garage.', rooms: 5, bedrooms: 3, surfaceM2: 112.5, energyRating: 'c' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ propertyType: 'house', description: 'Jardin clos, garage.', rooms: 5, bedrooms: 3, surfaceM2: 112.5, energyRating: 'C' });
    expect((await patch(res.body.id, { propertyType: 'building', energyRating: 'G' })).body).toMatchObject({ propertyType: 'building', energyRating: 'G' });
    expect((await patch(res.body.id, { energyRating: null })).body.energyRating).toBeNull();
    expect((await app.request('GET', `/properties/${res.body.id}`, { token: owner.accessToken })).body).toMatchObject({ propertyType: 'building', energyRating: null, rooms: 5 });
    for (const type of ['apartment', 'house', 'land', 'commercial', 'parking', 'office', 'building', 'other']) {
      expect((await post({ reference: `T-${type}`, title: type, propertyType: type })).body.propertyType).toBe(type);
    }
  });

  it('refuses a type off the list, a rating outside A–G, and inconsistent rooms, changing nothing', async () => {
    const ok = { reference: 'BAD-1', title: 'x', propertyType: 'apartment' };
    for (const [body, field] of [
      [{ ...ok, propertyType: 'castle' }, 'propertyType'],
      [{ ...ok, propertyType: 'Apartment' }, 'propertyType'],
      [{ ...ok, propertyType: '' }, 'propertyType'],
      [{ ...ok, energyRating: 'H' }, 'energyRating'],
      [{ ...ok, energyRating: 'AB' }, 'energyRating'],
      [{ ...ok, energyRating: 3 }, 'energyRating'],
      [{ ...ok, rooms: 2, bedrooms: 3 }, 'bedrooms'],
      [{ ...ok, rooms: -1 }, 'rooms'],
      [{ ...ok, surfaceM2: 12.345 }, 'surfaceM2'],
    ] as const) {
      const res = await post(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const kept = await createProperty(app, owner, { reference: 'BAD-2', propertyType: 'land', energyRating: 'B' });
    expectProblem(await patch(kept.id, { propertyType: 'castle' }), 400);
    expectProblem(await patch(kept.id, { energyRating: 'Z' }), 400);
    expect((await app.request('GET', `/properties/${kept.id}`, { token: owner.accessToken })).body).toMatchObject({ propertyType: 'land', energyRating: 'B' });
    expect((await app.request('GET', '/properties?q=BAD-1', { token: owner.accessToken })).body.items).toEqual([]);
  });

  it('filters by type, and refuses a type off the list as a filter', async () => {
    const ids = async (q: string) => ((await app.request('GET', `/properties?${q}`, { token: owner.accessToken })).body.items as { reference: string }[]).map((p) => p.reference);
    expect(await ids('propertyType=parking')).toEqual(['T-parking']);
    expectProblem(await app.request('GET', '/properties?propertyType=garage', { token: owner.accessToken }), 400);
  });

  it('imports types written in words, French or English, and the DPE column', async () => {
    const csv = ['Référence;Titre;Type de bien;DPE', 'IMP-A;Appartement T3;Appartement T3;d', 'IMP-B;Local;Local commercial;B', 'IMP-C;Box;Garage;', 'IMP-D;Péniche;Péniche;C', 'IMP-E;Villa;Villa;K'].join('\n');
    const res = await postRaw(app, '/properties/import', { token: owner.accessToken }, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, rejectedTotal: 2 });
    expect(res.body.rejected.map((r: { line: number; reasons: string[] }) => [r.line, r.reasons.join(' ')])).toEqual([
      [5, expect.stringContaining('propertyType must be one of')],
      [6, expect.stringContaining('energyRating must be a letter from A to G')],
    ]);
    const imported = (await app.request('GET', '/properties?q=IMP-', { token: owner.accessToken })).body.items as { reference: string; propertyType: string; energyRating: string | null }[];
    expect(imported.map((p) => [p.reference, p.propertyType, p.energyRating]).sort()).toEqual([
      ['IMP-A', 'apartment', 'D'],
      ['IMP-B', 'commercial', 'B'],
      ['IMP-C', 'parking', null],
    ]);
  });
});

describe('the migration to listing types', () => {
  const MIGRATION = '20261204141000_property_type_energy_rating';
  const db = `${process.env.LYNARA_TEST_DB}_types_upgrade`;
  const url = `postgresql://postgres@127.0.0.1:5432/${db}`;
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  });

  it('maps the free-form types written before to the closest type, or other, keeping the old value in the attributes', async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${db}"`);
    const before = readdirSync('prisma/migrations').filter((f) => f.endsWith('.sql') && f < `${MIGRATION}.sql`).length;
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    await runner({ databaseUrl: url, dir: 'prisma/migrations', migrationsTable: 'schema_migrations', migrationsSchema: 'public', direction: 'up', count: before, singleTransaction: true, checkOrder: true, log: () => {}, logger: quiet });

    const old: [string, string][] = [
      ['apartment', 'apartment'],
      ['appartement_t3', 'apartment'],
      ['t2', 'apartment'],
      ['studio', 'apartment'],
      ['maison', 'house'],
      ['maison_de_ville', 'house'],
      ['villa', 'house'],
      ['chateau', 'house'],
      ['terrain_constructible', 'land'],
      ['local_commercial', 'commercial'],
      ['fonds_de_commerce', 'commercial'],
      ['parking', 'parking'],
      ['parking_lot', 'parking'],
      ['garage', 'parking'],
      ['bureaux', 'office'],
      ['bureau_commercial', 'office'],
      ['immeuble', 'building'],
      ['house', 'house'],
      ['peniche', 'other'],
      ['maisonnette', 'other'],
    ];
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const tenant = (await c.query(`INSERT INTO tenancy.tenants (name, slug) VALUES ('Avant', 'avant') RETURNING id`)).rows[0].id;
      for (const [i, [type]] of old.entries()) {
        await c.query(`INSERT INTO entities.properties (tenant_id, reference, title, property_type, attributes) VALUES ($1, $2, 'x', $3, $4)`, [tenant, `OLD-${i}`, type, i === 0 ? {} : { floor: 2 }]);
      }
    } finally {
      await c.end();
    }

    await run('node', ['dist/main.js', 'migrate'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: url, APP_DATABASE_URL: `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${db}` },
    });

    const after = new pg.Client({ connectionString: url });
    await after.connect();
    try {
      const rows = (await after.query(`SELECT reference, property_type::text AS type, attributes, energy_rating FROM entities.properties ORDER BY created_at, reference`)).rows;
      const byRef = new Map(rows.map((r) => [r.reference, r]));
      for (const [i, [was, now]] of old.entries()) {
        const row = byRef.get(`OLD-${i}`)!;
        expect([was, row.type]).toEqual([was, now]);
        expect(row.energy_rating).toBeNull();
        if (was === now) expect(row.attributes.previousType).toBeUndefined();
        else expect(row.attributes).toEqual({ floor: 2, previousType: was });
      }
    } finally {
      await after.end();
    }
  });
});
