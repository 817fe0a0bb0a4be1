import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createProduct, ids } from './support/entities.js';

describe('Products', () => {
  let app: TestApp;
  let owner: Session;
  const tag = `p${process.pid}`;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await register(app, 'Catalogue Co');
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: unknown) => app.request('POST', '/products', { token: owner.accessToken, body });
  const list = (query: string) => app.request('GET', `/products?${query}`, { token: owner.accessToken });

  it('creates a product (201): price in integer minor units as a JSON number, currency, attributes', async () => {
    const res = await post({ sku: 'CHAIR-OAK-01', name: '  Oak chair ', priceMinor: 129900, currency: 'EUR', attributes: { colour: 'oak', legs: 4 } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sku: 'CHAIR-OAK-01',
      name: 'Oak chair',
      description: null,
      priceMinor: 129900,
      currency: 'EUR',
      attributes: { colour: 'oak', legs: 4 },
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const got = await app.request('GET', `/products/${res.body.id}`, { token: owner.accessToken });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('keeps prices up to 2^53−1 exactly and refuses larger ones', async () => {
    const res = await post({ sku: 'BIG-1', name: 'Yacht', priceMinor: Number.MAX_SAFE_INTEGER, currency: 'JPY' });
    expect(res.status).toBe(201);
    expect(res.body.priceMinor).toBe(Number.MAX_SAFE_INTEGER);
    expectProblem(await post({ sku: 'BIG-2', name: 'Too big', priceMinor: 2 ** 53 + 2, currency: 'EUR' }), 400, 'VALIDATION_FAILED');
  });

  it('validates every field and names each bad one', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ sku: 'A1', name: 'x', priceMinor: 100, currency: 'eur' }, 'currency'],
      [{ sku: 'A1', name: 'x', priceMinor: 100, currency: 'XYZ' }, 'currency'],
      [{ sku: 'A1', name: 'x', priceMinor: 100, currency: 'EURO' }, 'currency'],
      [{ sku: 'A1', name: 'x', priceMinor: 100 }, 'currency'],
      [{ sku: 'A1', name: 'x', priceMinor: -1, currency: 'EUR' }, 'priceMinor'],
      [{ sku: 'A1', name: 'x', priceMinor: 10.5, currency: 'EUR' }, 'priceMinor'],
      [{ sku: 'A1', name: 'x', priceMinor: '100', currency: 'EUR' }, 'priceMinor'],
      [{ sku: 'A1', name: 'x', attributes: [1, 2] }, 'attributes'],
      [{ sku: 'A1', name: 'x', attributes: 'colour=red' }, 'attributes'],
      [{ sku: 'A1', name: 'x', attributes: { blob: 'x'.repeat(17 * 1024) } }, 'attributes'],
      [{ sku: 'has space', name: 'x' }, 'sku'],
      [{ sku: '', name: 'x' }, 'sku'],
      [{ sku: 'A1', name: '' }, 'name'],
      [{ sku: 'A1' }, 'name'],
      [{ sku: 'A1', name: 'x', active: 'yes' }, 'active'],
      [{ sku: 'A1', name: 'x', tenantId: owner.tenant.id }, 'tenantId'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await list('q=A1')).body.items).toEqual([]);
  });

  it('SKU is unique per workspace → 409; a deleted product frees its SKU', async () => {
    const first = await createProduct(app, owner, { sku: 'DUP-1', name: 'First' });
    expectProblem(await post({ sku: 'DUP-1', name: 'Second' }), 409, 'PRODUCT_SKU_TAKEN');
    const other = await createProduct(app, owner, { sku: 'DUP-2', name: 'Other' });
    expectProblem(await app.request('PATCH', `/products/${other.id}`, { token: owner.accessToken, body: { sku: 'DUP-1' } }), 409, 'PRODUCT_SKU_TAKEN');
    expect((await app.request('DELETE', `/products/${first.id}`, { token: owner.accessToken })).status).toBe(204);
    const again = await post({ sku: 'DUP-1', name: 'Reborn' });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.id);
  });

  it('PATCH changes only the fields given; null clears optional ones, not required ones', async () => {
    const p = await createProduct(app, owner, { sku: 'PATCH-1', name: 'Lamp', description: 'Bright', priceMinor: 4500, currency: 'EUR', attributes: { w: 40 } });
    const res = await app.request('PATCH', `/products/${p.id}`, { token: owner.accessToken, body: { description: null, active: false } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sku: 'PATCH-1', name: 'Lamp', description: null, priceMinor: 4500, currency: 'EUR', attributes: { w: 40 }, active: false });
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(p.updatedAt).getTime());
    expectProblem(await app.request('PATCH', `/products/${p.id}`, { token: owner.accessToken, body: { name: null } }), 400, 'VALIDATION_FAILED');
    // Clearing the currency while a price remains is refused.
    const noCurrency = await app.request('PATCH', `/products/${p.id}`, { token: owner.accessToken, body: { currency: null } });
    expectProblem(noCurrency, 400, 'VALIDATION_FAILED');
    const cleared = await app.request('PATCH', `/products/${p.id}`, { token: owner.accessToken, body: { currency: null, priceMinor: null } });
    expect(cleared.body).toMatchObject({ priceMinor: null, currency: null });
  });

  it('DELETE is a soft delete: 204, then 404 everywhere, and gone from lists', async () => {
    const p = await createProduct(app, owner, { sku: `GONE-${tag}`, name: 'Ephemeral' });
    expect((await app.request('DELETE', `/products/${p.id}`, { token: owner.accessToken })).status).toBe(204);
    expectProblem(await app.request('GET', `/products/${p.id}`, { token: owner.accessToken }), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(await app.request('PATCH', `/products/${p.id}`, { token: owner.accessToken, body: { name: 'x' } }), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(await app.request('DELETE', `/products/${p.id}`, { token: owner.accessToken }), 404, 'PRODUCT_NOT_FOUND');
    expect(ids(await list(`q=GONE-${tag}`))).toEqual([]);
    expectProblem(await app.request('GET', '/products/not-a-uuid', { token: owner.accessToken }), 400);
  });

  it('searches name and SKU case-insensitively, with %, _ and \\ taken literally', async () => {
    const a = await createProduct(app, owner, { sku: 'SRCH_1', name: 'Promo 50% off' });
    const b = await createProduct(app, owner, { sku: 'SRCH-2', name: 'Promo 50 euros off' });
    const c = await createProduct(app, owner, { sku: 'SRCH-3', name: 'Back\\slash' });
    expect(ids(await list('q=promo')).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await list(`q=${encodeURIComponent('50%')}`))).toEqual([a.id]);
    expect(ids(await list(`q=${encodeURIComponent('srch_')}`))).toEqual([a.id]);
    expect(ids(await list(`q=${encodeURIComponent('\\')}`))).toEqual([c.id]);
    expect(ids(await list('q=srch-3'))).toEqual([c.id]);
  });

  it('filters by active and currency', async () => {
    const on = await createProduct(app, owner, { sku: `F-ON-${tag}`, name: `Filter ${tag}`, priceMinor: 100, currency: 'CHF' });
    const off = await createProduct(app, owner, { sku: `F-OFF-${tag}`, name: `Filter ${tag}`, active: false, priceMinor: 100, currency: 'CHF' });
    expect(ids(await list(`q=Filter ${tag}&active=true`))).toEqual([on.id]);
    expect(ids(await list(`q=Filter ${tag}&active=false`))).toEqual([off.id]);
    expect(ids(await list('currency=CHF')).sort()).toEqual([on.id, off.id].sort());
    expectProblem(await list('active=maybe'), 400, 'VALIDATION_FAILED');
    expectProblem(await list('currency=chf'), 400, 'VALIDATION_FAILED');
  });

  it('pages newest first with a cursor, every product exactly once', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createProduct(app, owner, { sku: `PAGE-${i}`, name: `Paged ${tag}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`q=Paged ${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
    expectProblem(await list('cursor=garbage'), 400, 'VALIDATION_FAILED');
    expectProblem(await list('limit=0'), 400, 'VALIDATION_FAILED');
  });
});
