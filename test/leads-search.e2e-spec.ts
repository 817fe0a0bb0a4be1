import type pg from 'pg';
import { inline } from '../src/infra/database/scoped-sql.js';
import { leadSearchConditions } from '../src/modules/crm/leads.repository.js';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createLead, ids } from './support/crm.js';
import { appClient, ownerClient } from './support/db.js';

/** GET /leads?q= — the list, the merge dialog and every lead picker search through it. */
describe('Lead search: accents, case, ligatures, word order, phones, emails', () => {
  let app: TestApp;
  let db: pg.Client;
  let a: Session;
  let b: Session;
  const L: Record<string, string> = {};
  const B: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    db = await ownerClient();
    a = await register(app, 'Agence Lefèvre', 'search-a');
    b = await register(app, 'Autre agence', 'search-b');
    L.helene = (await createLead(app, a, { firstName: 'Hélène', lastName: 'Lefèvre', email: 'h.lefevre@agence-immo.fr', company: 'Cœur de Ville', phone: '06 12 34 56 78' })).id;
    L.martin = (await createLead(app, a, { firstName: 'Hélène', lastName: 'Martin', email: 'martin@exemple.fr', company: 'Straße & Söhne' })).id;
    L.oeuvre = (await createLead(app, a, { firstName: 'Æsa', lastName: 'ŒUVRE', email: 'oeuvre@atelier.fr', company: 'Remise 50% ici', phone: '+44 20 7946 0958' })).id;
    L.etienne = (await createLead(app, a, { firstName: 'Étienne', lastName: 'Lefevre', email: 'etienne@saint-etienne.fr', company: 'Saint-Étienne Habitat' })).id;
    // The other tenant has a namesake and the same phone number.
    B.helene = (await createLead(app, b, { firstName: 'Hélène', lastName: 'Lefèvre', email: 'helene@autre.fr', phone: '0612345678' })).id;
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const search = async (s: Session, text: string) => {
    const res = await app.request('GET', `/leads?limit=200&q=${encodeURIComponent(text)}`, { token: s.accessToken });
    expect(res.status).toBe(200);
    return ids(res);
  };
  const names = (found: string[]) => {
    const byId = Object.fromEntries(Object.entries(L).map(([k, v]) => [v, k]));
    return found.map((id) => byId[id] ?? `other:${id}`).sort();
  };
  const q = async (text: string) => names(await search(a, text));

  it('ignores accents and case, in the query and in the data', async () => {
    for (const text of ['helene lefevre', 'Lefèvre Hélène', 'LEFEVRE HELENE', 'hélène LEFÈVRE', 'HÉLÈNE lefevre']) {
      expect({ text, found: await q(text) }).toEqual({ text, found: ['helene'] });
    }
    expect(await q('lefevre')).toEqual(['etienne', 'helene']);
    expect(await q('LEFÈVRE')).toEqual(['etienne', 'helene']);
    expect(await q('etienne')).toEqual(['etienne']);
    expect(await q('saint-etienne habitat')).toEqual(['etienne']);
  });

  it('unfolds ligatures both ways: oe/œ, ae/æ, ss/ß', async () => {
    expect(await q('coeur')).toEqual(['helene']);
    expect(await q('CŒUR de ville')).toEqual(['helene']);
    expect(await q('oeuvre')).toEqual(['oeuvre']);
    expect(await q('œuvre æsa')).toEqual(['oeuvre']);
    expect(await q('aesa')).toEqual(['oeuvre']);
    expect(await q('strasse')).toEqual(['martin']);
    expect(await q('STRAẞE söhne')).toEqual(['martin']);
  });

  it('needs every word, in any order', async () => {
    expect(await q('helene')).toEqual(['helene', 'martin']);
    expect(await q('martin helene')).toEqual(['martin']);
    expect(await q('helene   martin  ')).toEqual(['martin']);
    expect(await q('helene nobody')).toEqual([]);
    expect(await q('ville cœur hélène lefevre')).toEqual(['helene']);
  });

  it('finds a phone number however it is written, and part of one', async () => {
    for (const text of ['+33 6 12 34 56 78', '+33612345678', '06.12.34.56.78', '06 12 34 56 78', '06-12-34-56-78', '0612345678', '0033612345678', '0033 6 12 34 56 78', '612345678', '06 12 34', '12 34 56 78', '3456']) {
      expect({ text, found: await q(text) }).toEqual({ text, found: ['helene'] });
    }
    for (const text of ['+44 20 7946 0958', '020 7946 0958', '0044 20 7946 0958', '7946 0958']) {
      expect({ text, found: await q(text) }).toEqual({ text, found: ['oeuvre'] });
    }
    expect(await q('06 99 99 99 99')).toEqual([]);
  });

  it('finds part of an email, case-insensitively', async () => {
    expect(await q('lefevre@agence')).toEqual(['helene']);
    expect(await q('@AGENCE-IMMO.FR')).toEqual(['helene']);
    expect(await q('exemple.fr')).toEqual(['martin']);
    expect(await q('h.lefevre@agence-immo.fr')).toEqual(['helene']);
  });

  it('matches LIKE metacharacters literally, also those folding makes (％ → %)', async () => {
    expect(await q('50%')).toEqual(['oeuvre']);
    expect(await q('50％')).toEqual(['oeuvre']);
    expect(await q('%')).toEqual(['oeuvre']);
    expect(await q('h_lefevre')).toEqual([]);
    expect(await q('h.lefevre')).toEqual(['helene']);
  });

  it('follows the lead as it changes: a renamed lead is found by its new name only', async () => {
    const id = (await createLead(app, a, { firstName: 'Zoé', lastName: 'Ancien', email: 'zoe@rename.fr' })).id;
    L.zoe = id;
    expect(await q('zoe ancien')).toEqual(['zoe']);
    const res = await app.request('PATCH', `/leads/${id}`, { token: a.accessToken, body: { lastName: 'Nouvelle-Étoile' } });
    expect(res.status).toBe(200);
    expect(await q('ancien')).toEqual([]);
    expect(await q('zoe nouvelle-etoile')).toEqual(['zoe']);
  });

  it("never finds another tenant's leads, by name, email or phone", async () => {
    expect(await search(a, 'helene lefevre')).toEqual([L.helene]);
    expect(await search(a, 'helene@autre')).toEqual([]);
    expect(await search(a, '06 12 34 56 78')).toEqual([L.helene]);
    expect(await search(b, 'helene lefevre')).toEqual([B.helene]);
    expect(await search(b, '+33 6 12 34 56 78')).toEqual([B.helene]);
    expect(await search(b, 'coeur')).toEqual([]);
    expect(await search(b, 'agence-immo')).toEqual([]);
  });

  it('rejects a search longer than 100 characters (400)', async () => {
    expectProblem(await app.request('GET', `/leads?q=${'é'.repeat(101)}`, { token: a.accessToken }), 400, 'VALIDATION_FAILED');
  });

  it('is served by the trigram index for the runtime role too, as for the owner (row-level security)', async () => {
    // Enough rows for statistics, one of them rare; only index paths allowed, so the plan shows
    // which index the search condition may use at all.
    const tenant = a.tenant.id;
    await db.query(
      `INSERT INTO crm.leads (tenant_id, email, first_name, last_name)
       SELECT $1, 'bulk' || g || '@plan.test', 'Camille', 'Durand' || g FROM generate_series(1, 3000) g`,
      [tenant],
    );
    await db.query('VACUUM ANALYZE crm.leads');
    const values: string[] = [tenant];
    const where = ['tenant_id = $1', 'deleted_at IS NULL', ...leadSearchConditions('bulk2999@plan', (v) => `$${values.push(v)}`)].join(' AND ');
    const sql = inline(`EXPLAIN SELECT id FROM crm.leads WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 51`, values);
    const plan = async (c: pg.Client) => {
      await c.query('BEGIN');
      try {
        await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
        await c.query('SET LOCAL enable_seqscan = off');
        await c.query('SET LOCAL enable_indexscan = off');
        return (await c.query(sql)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      } finally {
        await c.query('ROLLBACK');
      }
    };
    const runtime = await appClient();
    try {
      const [asOwner, asRuntime] = [await plan(db), await plan(runtime)];
      expect(asOwner).toContain('leads_search_trgm_idx');
      expect(asRuntime).toContain('leads_search_trgm_idx');
    } finally {
      await runtime.end();
    }
    const found = await app.request('GET', '/leads?q=BULK2999%40PLAN', { token: a.accessToken });
    expect(found.body.items.map((l: { email: string }) => l.email)).toEqual(['bulk2999@plan.test']);
  });
});
