import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createProperty, ids } from './support/entities.js';

describe('Properties (real-estate listings)', () => {
  let app: TestApp;
  let owner: Session;
  const city = `Ville-${process.pid}`;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await register(app, 'Immo Co');
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: unknown) => app.request('POST', '/properties', { token: owner.accessToken, body });
  const list = (query: string) => app.request('GET', `/properties?${query}`, { token: owner.accessToken });

  it('creates a listing with every field (201), surface and price as JSON numbers', async () => {
    const res = await post({
      reference: 'LYN-001',
      title: 'Bright flat near the canal',
      description: 'Third floor, lift',
      propertyType: 'apartment',
      transactionType: 'rent',
      status: 'available',
      addressLine: '12 quai Saint-Vincent',
      postalCode: '69001',
      city: 'Lyon',
      country: 'fr',
      latitude: 45.7676,
      longitude: 4.8275,
      surfaceM2: 72.55,
      rooms: 3,
      bedrooms: 2,
      priceMinor: 125000,
      currency: 'EUR',
      attributes: { floor: 3, lift: true },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reference: 'LYN-001', transactionType: 'rent', status: 'available', country: 'FR', latitude: 45.7676, longitude: 4.8275,
      surfaceM2: 72.55, rooms: 3, bedrooms: 2, priceMinor: 125000, currency: 'EUR', attributes: { floor: 3, lift: true },
    });
    const defaults = await post({ reference: 'LYN-002', title: 'Plot', propertyType: 'land' });
    expect(defaults.body).toMatchObject({ transactionType: 'sale', status: 'draft', city: null, surfaceM2: null, priceMinor: null });
  });

  it('validates enums, ISO codes, coordinates, surface and cross-field rules', async () => {
    const ok = { reference: 'VAL-1', title: 'x', propertyType: 'house' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, status: 'sold_out' }, 'status'],
      [{ ...ok, transactionType: 'lease' }, 'transactionType'],
      [{ ...ok, country: 'FRA' }, 'country'],
      [{ ...ok, country: 'ZZ' }, 'country'],
      [{ ...ok, latitude: 91, longitude: 0 }, 'latitude'],
      [{ ...ok, latitude: 0, longitude: -180.5 }, 'longitude'],
      [{ ...ok, latitude: 45 }, 'longitude'],
      [{ ...ok, surfaceM2: 10.123 }, 'surfaceM2'],
      [{ ...ok, surfaceM2: -1 }, 'surfaceM2'],
      [{ ...ok, rooms: 2.5 }, 'rooms'],
      [{ ...ok, rooms: 2, bedrooms: 3 }, 'bedrooms'],
      [{ ...ok, priceMinor: 1000 }, 'currency'],
      [{ ...ok, currency: 'ABC', priceMinor: 1 }, 'currency'],
      [{ ...ok, propertyType: 'Big House!' }, 'propertyType'],
      [{ title: 'x', propertyType: 'house' }, 'reference'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('reference is unique per workspace → 409; PATCH, null clearing and soft delete', async () => {
    const p = await createProperty(app, owner, { reference: 'REF-UNIQ', city: 'Nantes', surfaceM2: 50 });
    expectProblem(await post({ reference: 'REF-UNIQ', title: 'Again', propertyType: 'house' }), 409, 'PROPERTY_REFERENCE_TAKEN');
    const patched = await app.request('PATCH', `/properties/${p.id}`, { token: owner.accessToken, body: { status: 'under_offer', city: null, surfaceM2: 51.5 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'under_offer', city: null, surfaceM2: 51.5, reference: 'REF-UNIQ' });
    expectProblem(await app.request('PATCH', `/properties/${p.id}`, { token: owner.accessToken, body: { status: null } }), 400, 'VALIDATION_FAILED');
    expect((await app.request('DELETE', `/properties/${p.id}`, { token: owner.accessToken })).status).toBe(204);
    expectProblem(await app.request('GET', `/properties/${p.id}`, { token: owner.accessToken }), 404, 'PROPERTY_NOT_FOUND');
    expect((await post({ reference: 'REF-UNIQ', title: 'Reused', propertyType: 'house' })).status).toBe(201);
  });

  it('filters by city, status, type, transaction, price and surface ranges and rooms; searches title/reference/city', async () => {
    const a = await createProperty(app, owner, { reference: 'FLT-A', title: 'Loft with terrace', city, status: 'available', propertyType: 'apartment', transactionType: 'sale', priceMinor: 30_000_000, currency: 'EUR', surfaceM2: 80, rooms: 3 });
    const b = await createProperty(app, owner, { reference: 'FLT-B', title: 'Family house', city, status: 'sold', propertyType: 'house', transactionType: 'sale', priceMinor: 55_000_000, currency: 'EUR', surfaceM2: 140, rooms: 6 });
    const c = await createProperty(app, owner, { reference: 'FLT-C', title: 'Studio 20%', city, status: 'available', propertyType: 'apartment', transactionType: 'rent', priceMinor: 70_000, currency: 'EUR', surfaceM2: 22.5, rooms: 1 });
    const q = (s: string) => list(`city=${city.toLowerCase()}&${s}`).then(ids);
    expect((await q('')).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await q('status=available')).sort()).toEqual([a.id, c.id].sort());
    expect(await q('propertyType=house')).toEqual([b.id]);
    expect(await q('transactionType=rent')).toEqual([c.id]);
    expect((await q('priceMin=100000&priceMax=40000000')).sort()).toEqual([a.id]);
    expect((await q('surfaceMin=22.5&surfaceMax=80')).sort()).toEqual([a.id, c.id].sort());
    expect((await q('roomsMin=3')).sort()).toEqual([a.id, b.id].sort());
    expect(await q('q=terrace')).toEqual([a.id]);
    expect(await q('q=flt-b')).toEqual([b.id]);
    expect(await q(`q=${encodeURIComponent('20%')}`)).toEqual([c.id]);
    expect((await list(`q=${city}`).then(ids)).sort()).toEqual([a.id, b.id, c.id].sort());
    const page1 = await list(`city=${city}&limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await list(`city=${city}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(ids(page2)).toEqual([a.id]);
    expect(page2.body.nextCursor).toBeNull();
    expectProblem(await list('status=gone'), 400, 'VALIDATION_FAILED');
    expectProblem(await list('priceMin=abc'), 400, 'VALIDATION_FAILED');
  });
});
