import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp, testConfig } from './support/app.js';
import { ownerClient } from './support/db.js';
import { waitFor as until } from './support/wait.js';

/** A stand-in enrichment provider on loopback: known companies, a flaky one and a slow one. */
function startProvider() {
  const calls: { email: string; auth?: string }[] = [];
  let flakyFailures = 1;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { email } = JSON.parse(body) as { email: string };
      calls.push({ email, auth: req.headers.authorization });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (email.startsWith('slow@')) {
        const timer = setTimeout(() => reply(200, { company: 'Too Late' }), 2000);
        timers.add(timer);
        return;
      }
      if (email.startsWith('flaky@') && flakyFailures-- > 0) return reply(503, {});
      if (email.endsWith('@bigcorp.fr') || email.startsWith('flaky@')) return reply(200, { company: 'BigCorp SA', jobTitle: 'CTO', industry: 'Software', bogus: 1, companySize: 5000 });
      reply(404, {});
    });
  });
  return new Promise<{ url: string; calls: typeof calls; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/enrich`, calls, close: () => new Promise((r) => { timers.forEach(clearTimeout); server.closeAllConnections(); server.close(() => r()); }) }),
    ),
  );
}

describe('lead enrichment', () => {
  let app: TestApp;
  let owner: pg.Client;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let a: Session;
  let b: Session;

  const create = (body: object, s = a) => app.request('POST', '/leads', { token: s.accessToken, body }).then((r) => r.body.id as string);
  const enrichmentOf = (id: string, s = a) =>
    until(async () => {
      const res = await app.request('GET', `/leads/${id}/enrichment`, { token: s.accessToken });
      return res.body.items?.length ? res.body.items : undefined;
    });

  beforeAll(async () => {
    provider = await startProvider();
    app = await createTestApp({ ENRICHMENT_URL: provider.url, ENRICHMENT_API_KEY: 'provider-key', ENRICHMENT_TIMEOUT_MS: '300', ENRICHMENT_RETRIES: '1' }, 'all');
    owner = await ownerClient();
    a = await register(app, 'Enrich A', 'ena');
    b = await register(app, 'Enrich B', 'enb');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
    await provider.close();
  });

  it('fills empty fields from the provider and keeps every value with its source and confidence', async () => {
    const id = await create({ email: 'claire@bigcorp.fr', phone: '06 12 34 56 78', firstName: 'CLAIRE' });
    const items = await enrichmentOf(id);
    const lead = await until(async () => {
      const l = (await app.request('GET', `/leads/${id}`, { token: a.accessToken })).body;
      return l.company && l;
    });
    expect(lead).toMatchObject({ company: 'BigCorp SA', jobTitle: 'CTO', firstName: 'CLAIRE' });
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'company', value: 'BigCorp SA', source: 'provider', confidence: 0.8 }),
        expect.objectContaining({ field: 'company', value: 'Bigcorp', source: 'rules', confidence: 0.5 }),
        expect.objectContaining({ field: 'industry', value: 'Software', source: 'provider' }),
        expect.objectContaining({ field: 'phoneType', value: 'mobile', source: 'rules' }),
        expect.objectContaining({ field: 'firstName', value: 'Claire', source: 'rules' }),
      ]),
    );
    expect(items.some((i: { field: string }) => i.field === 'bogus' || i.field === 'companySize')).toBe(false);
    expect(provider.calls.find((c) => c.email === 'claire@bigcorp.fr')?.auth).toBe('Bearer provider-key');
  });

  it('never overwrites what a person entered', async () => {
    const id = await create({ email: 'paul@bigcorp.fr', company: 'Ma Société', jobTitle: 'Acheteur' });
    const items = await enrichmentOf(id);
    expect(items.some((i: { field: string; source: string }) => i.field === 'company' && i.source === 'provider')).toBe(true);
    const lead = (await app.request('GET', `/leads/${id}`, { token: a.accessToken })).body;
    expect(lead).toMatchObject({ company: 'Ma Société', jobTitle: 'Acheteur' });
  });

  it('retries a failing provider, gives up on a slow one, and still keeps what the rules found', async () => {
    const flaky = await create({ email: 'flaky@exemple.fr' });
    await until(async () => (await app.request('GET', `/leads/${flaky}`, { token: a.accessToken })).body.company === 'BigCorp SA');
    expect(provider.calls.filter((c) => c.email === 'flaky@exemple.fr')).toHaveLength(2);

    const slow = await create({ email: 'slow@agence-lumiere.fr' });
    const items = await enrichmentOf(slow);
    expect(items.every((i: { source: string }) => i.source === 'rules')).toBe(true);
    expect(provider.calls.filter((c) => c.email === 'slow@agence-lumiere.fr')).toHaveLength(2);
    const lead = await until(async () => {
      const l = (await app.request('GET', `/leads/${slow}`, { token: a.accessToken })).body;
      return l.company && l;
    });
    expect(lead.company).toBe('Agence Lumiere');
  });

  it('guesses no company for free mail, and keeps enrichment to its tenant', async () => {
    const id = await create({ email: 'nina.petit@gmail.com' });
    const items = await enrichmentOf(id);
    expect(items.find((i: { field: string }) => i.field === 'emailFreeMail')?.value).toBe(true);
    expect(items.some((i: { field: string }) => i.field === 'company')).toBe(false);
    expectProblem(await app.request('GET', `/leads/${id}/enrichment`, { token: b.accessToken }), 404, 'LEAD_NOT_FOUND');
    const rows = await owner.query(`SELECT DISTINCT tenant_id FROM crm.lead_enrichment WHERE lead_id = $1`, [id]);
    expect(rows.rows).toEqual([{ tenant_id: a.tenant.id }]);
  });

  it('enriches what an import created or changed once the import is done, and only that', async () => {
    const before = await create({ email: 'already.there@bigcorp.fr', company: 'Déjà là' });
    await enrichmentOf(before);
    const untouched = await create({ email: 'untouched@bigcorp.fr' });
    await enrichmentOf(untouched);
    const callsBefore = provider.calls.length;

    const csv = 'email,first_name,company\nimported@bigcorp.fr,MARC,\nalready.there@bigcorp.fr,Léa,\nuntouched@bigcorp.fr,,\n';
    const uploaded = await fetch(`${app.url}/leads/imports?fileName=enrich.csv`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'text/csv' }, body: csv }).then(
      (r) => r.json() as Promise<{ id: string }>,
    );
    const started = await app.request('POST', `/leads/imports/${uploaded.id}/start`, { token: a.accessToken, body: {} });
    await until(async () => (await app.request('GET', `/jobs/${started.body.jobId}`, { token: a.accessToken })).body.state === 'completed');
    const imported = (await owner.query(`SELECT id FROM crm.leads WHERE tenant_id = $1 AND email = 'imported@bigcorp.fr'`, [a.tenant.id])).rows[0].id as string;
    const lead = await until(async () => {
      const l = (await app.request('GET', `/leads/${imported}`, { token: a.accessToken })).body;
      return l.company && l;
    });
    expect(lead).toMatchObject({ company: 'BigCorp SA', firstName: 'MARC' });
    expect((await enrichmentOf(imported)).some((i: { field: string; value: string }) => i.field === 'firstName' && i.value === 'Marc')).toBe(true);
    // The changed lead is looked up again, the unchanged one is not.
    await until(() => provider.calls.slice(callsBefore).some((c) => c.email === 'already.there@bigcorp.fr'));
    expect(provider.calls.slice(callsBefore).map((c) => c.email)).not.toContain('untouched@bigcorp.fr');
  });
});

describe('enrichment sources chosen by configuration', () => {
  it('refuses to start with a source nobody provides, naming the known ones', () => {
    const config = testConfig();
    const run = spawnSync('node', ['dist/main.js', 'worker'], {
      env: { ...process.env, NODE_ENV: 'test', APP_DATABASE_URL: config.APP_DATABASE_URL, DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, ENRICHMENT_PROVIDERS: 'rules,clearbit' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Unknown enrichment provider "clearbit". Known: rules, http.');
  });

  it('refuses the http source without its URL', () => {
    expect(() => testConfig({ ENRICHMENT_PROVIDERS: 'http' })).toThrow(/ENRICHMENT_PROVIDERS: "http" needs ENRICHMENT_URL/);
  });
});
