import { randomUUID } from 'node:crypto';
import { createTestApp, register, type Res, type Session, type TestApp } from './support/app.js';
import { gradient, uploadMedia } from './support/entities.js';

const N = 20;

/**
 * ~20 requests at once on each write endpoint family, on the suite's small pool (4
 * connections): each is answered with a success or a 4xx (409 for the losers of a uniqueness
 * race), never a 5xx, and /health answers 200 all the while, so one tenant's burst cannot make
 * the instance look dead to its load balancer.
 */
describe('concurrent writes', () => {
  let app: TestApp;
  let a: Session;
  let png: Buffer;

  const post = (path: string, body: unknown) => app.request('POST', path, { token: a.accessToken, body });
  const upload = (csv: string) =>
    fetch(`${app.url}/leads/imports?fileName=burst.csv`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'text/csv' }, body: csv }).then(
      async (r): Promise<Res> => ({ status: r.status, body: await r.json(), headers: {} }),
    );

  /**
   * Runs the burst while polling /health; returns the burst's answers. No 5xx, except load shed
   * on purpose where `shed` says so (a 503 telling the client when to come back).
   */
  async function burst(requests: (() => Promise<Res>)[], shed: (r: Res) => boolean = () => false): Promise<Res[]> {
    const health: number[] = [];
    let running = true;
    const probing = (async () => {
      while (running) {
        health.push((await fetch(`${app.url}/health`, { signal: AbortSignal.timeout(10_000) })).status);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const results = await Promise.all(requests.map((r) => r()));
    running = false;
    await probing;
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((s) => s !== 200)).toEqual([]);
    expect(results.filter((r) => r.status >= 500 && !shed(r)).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    return results;
  }
  const statuses = (results: Res[]) => results.map((r) => r.status).sort((x, y) => x - y);
  const oneWinner = (results: Res[], created = 201) => expect(statuses(results)).toEqual([created, ...Array<number>(results.length - 1).fill(409)]);
  const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

  beforeAll(async () => {
    app = await createTestApp();
    a = await register(app, 'Burst A', 'burst');
    png = await gradient(32, 32).png().toBuffer();
  });
  afterAll(async () => {
    await app.close();
  });

  it('lead create: distinct emails all created; one email twenty times → one 201, nineteen 409', async () => {
    const distinct = await burst(times(N, (i) => () => post('/leads', { email: `burst.${i}@exemple.fr`, company: 'Burst' })));
    expect(statuses(distinct)).toEqual(Array<number>(N).fill(201));
    oneWinner(await burst(times(N, () => () => post('/leads', { email: 'same.burst@exemple.fr' }))));
  });

  it('lead updates, notes, bulk tagging and merges into one lead', async () => {
    const leads = (await app.request('GET', '/leads?limit=200&q=burst', { token: a.accessToken })).body.items.map((l: { id: string }) => l.id) as string[];
    const [target, ...others] = leads;
    const updates = await burst(times(N, (i) => () => app.request('PATCH', `/leads/${target}`, { token: a.accessToken, body: { jobTitle: `Title ${i}`, tags: [`t${i}`] } })));
    expect(statuses(updates)).toEqual(Array<number>(N).fill(200));
    const notes = await burst(times(N, (i) => () => post(`/leads/${target}/notes`, { body: `note ${i}` })));
    expect(statuses(notes)).toEqual(Array<number>(N).fill(201));
    const bulk = await burst(times(N, (i) => () => post('/leads/bulk', { ids: leads, action: 'addTags', tags: [`bulk-${i % 3}`] })));
    expect(statuses(bulk)).toEqual(Array<number>(N).fill(200));
    // Each source merged at most once; a source already merged is in the trash (400 LEAD_MERGE_INVALID) or gone.
    const merges = await burst(times(N, (i) => () => post(`/leads/${target}/merge`, { sourceIds: [others[i % others.length]] })));
    expect(merges.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(merges.filter((r) => r.status !== 200 && r.status !== 400 && r.status !== 404).map((r) => `${r.status} ${r.body.code}`)).toEqual([]);
  });

  it('lead import: twenty uploads, then twenty starts of distinct imports, and twenty starts of one', async () => {
    const uploads = await burst(times(N, (i) => () => upload(`email,first_name\nburst.import.${i}@exemple.fr,Imp${i}\n`)));
    expect(statuses(uploads)).toEqual(Array<number>(N).fill(201));
    const starts = await burst(uploads.map((u) => () => post(`/leads/imports/${u.body.id}/start`, {})));
    expect(statuses(starts)).toEqual(Array<number>(N).fill(200));
    const one = await upload('email\nburst.single@exemple.fr\n');
    oneWinner(await burst(times(N, () => () => post(`/leads/imports/${one.body.id}/start`, {}))), 200);
  });

  it('segments: one name twenty times → one 201, nineteen 409; snapshots and refreshes of one segment', async () => {
    const rules = { op: 'and', conditions: [{ type: 'field', field: 'company', operator: 'eq', value: 'Burst' }] };
    oneWinner(await burst(times(N, () => () => post('/segments', { name: 'Burst segment', rules }))));
    const segment = (await app.request('GET', '/segments', { token: a.accessToken })).body.items.find((s: { name: string }) => s.name === 'Burst segment');
    const snapshots = await burst(times(N, (i) => () => post(`/segments/${segment.id}/snapshots`, { purpose: `burst ${i}` })));
    expect(statuses(snapshots)).toEqual(Array<number>(N).fill(202));
    const refreshes = await burst(times(N, () => () => post(`/segments/${segment.id}/refresh`, {})));
    expect(statuses(refreshes)).toEqual(Array<number>(N).fill(200));
  });

  it('custom fields, scoring rules, products and properties: uniqueness races lose with 409', async () => {
    oneWinner(await burst(times(N, () => () => post('/custom-fields', { key: 'burst_budget', label: 'Budget', type: 'number' }))));
    const rules = await burst(times(N, (i) => () => post('/scoring-rules', { name: `Burst ${i}`, kind: 'attribute', condition: { type: 'field', field: 'company', operator: 'eq', value: 'Burst' }, points: i + 1 })));
    expect(statuses(rules)).toEqual(Array<number>(N).fill(201));
    oneWinner(await burst(times(N, () => () => post('/products', { sku: 'BURST-1', name: 'Burst' }))));
    oneWinner(await burst(times(N, () => () => post('/properties', { reference: 'BURST-REF', title: 'Burst', propertyType: 'apartment' }))));
  });

  it('media: twenty uploads at once, then twenty links of one asset', async () => {
    // Images are decoded IMAGE_CONCURRENCY (2) at a time with IMAGE_QUEUE_SIZE (8) waiting: the
    // rest are turned away at once with 503 and Retry-After rather than queued without bound.
    const busy = (r: Res) => r.status === 503 && r.body?.code === 'IMAGE_WORK_BUSY' && r.headers['retry-after'] === '5';
    const uploads = await burst(times(N, (i) => () => uploadMedia(app, { token: a.accessToken }, png, `burst-${i}.png`)), busy);
    const stored = uploads.filter((u) => u.status === 201);
    expect(stored.length).toBeGreaterThanOrEqual(10);
    expect(uploads.filter((u) => u.status !== 201 && !busy(u))).toEqual([]);
    const product = (await app.request('GET', '/products?q=BURST', { token: a.accessToken })).body.items[0];
    const links = await burst(times(N, () => () => app.request('PATCH', `/media/${stored[0]!.body.id}`, { token: a.accessToken, body: { productId: product.id } })));
    expect(statuses(links)).toEqual(Array<number>(N).fill(200));
    const unknown = await burst(times(N, () => () => app.request('PATCH', `/media/${stored[1]!.body.id}`, { token: a.accessToken, body: { productId: randomUUID() } })));
    expect(statuses(unknown)).toEqual(Array<number>(N).fill(404));
  });
});
