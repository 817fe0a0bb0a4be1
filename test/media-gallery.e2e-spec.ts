import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { createProduct, createProperty, gradient, tinyPdf, uploadMedia } from './support/entities.js';

interface Media {
  id: string;
  originalName: string;
  productId: string | null;
  propertyId: string | null;
  productPosition: number | null;
  propertyPosition: number | null;
}

describe('gallery order and main photo', () => {
  let app: TestApp;
  let db: pg.Client;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    app = await createTestApp();
    db = await ownerClient();
    a = await register(app, 'Galerie A', 'ga');
    b = await register(app, 'Galerie B', 'gb');
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const image = async (s: Session, name: string, fields: Record<string, string> = {}) => {
    const res = await uploadMedia(app, { token: s.accessToken }, await gradient(40 + name.length, 30).png().toBuffer(), name, fields);
    expect(res.status).toBe(201);
    return res.body as Media;
  };
  const gallery = async (s: Session, kind: 'products' | 'properties', id: string) => {
    const res = await app.request('GET', `/${kind}/${id}/media`, { token: s.accessToken });
    expect(res.status).toBe(200);
    return (res.body.items as Media[]).map((m) => m.originalName);
  };
  const reorder = (s: Session, kind: 'products' | 'properties', id: string, mediaIds: string[]) => app.request('PUT', `/${kind}/${id}/media/order`, { token: s.accessToken, body: { mediaIds } });
  const cover = async (s: Session, kind: 'products' | 'properties', id: string) =>
    ((await app.request('GET', `/${kind}?limit=200`, { token: s.accessToken })).body.items as { id: string; cover: { originalName: string } | null }[]).find((p) => p.id === id)?.cover?.originalName ?? null;

  it('keeps the order of arrival, lets people reorder, and the first image is the main photo in tables', async () => {
    const property = await createProperty(app, a, { reference: 'GAL-1', title: 'T3 lumineux' });
    const facade = await image(a, 'facade.png', { propertyId: property.id });
    const plan = await uploadMedia(app, { token: a.accessToken }, tinyPdf(), 'plan.pdf', { propertyId: property.id });
    const salon = await image(a, 'salon.png', { propertyId: property.id });
    const cuisine = await image(a, 'cuisine.png', { propertyId: property.id });
    expect([facade.propertyPosition, plan.body.propertyPosition, salon.propertyPosition, cuisine.propertyPosition]).toEqual([0, 1, 2, 3]);
    expect(await gallery(a, 'properties', property.id)).toEqual(['facade.png', 'plan.pdf', 'salon.png', 'cuisine.png']);
    expect(await cover(a, 'properties', property.id)).toBe('facade.png');

    // Drag-and-drop sends the whole order.
    const full = await reorder(a, 'properties', property.id, [salon.id, cuisine.id, plan.body.id, facade.id]);
    expect(full.status).toBe(200);
    expect((full.body.items as Media[]).map((m) => [m.originalName, m.propertyPosition])).toEqual([
      ['salon.png', 0],
      ['cuisine.png', 1],
      ['plan.pdf', 2],
      ['facade.png', 3],
    ]);
    expect(await cover(a, 'properties', property.id)).toBe('salon.png');

    // "Set as main photo" sends one id: it goes first, the others keep their order.
    expect((await reorder(a, 'properties', property.id, [facade.id])).status).toBe(200);
    expect(await gallery(a, 'properties', property.id)).toEqual(['facade.png', 'salon.png', 'cuisine.png', 'plan.pdf']);
    expect(await cover(a, 'properties', property.id)).toBe('facade.png');
    // A PDF first in line is not a photo: the main photo is the first image.
    await reorder(a, 'properties', property.id, [plan.body.id]);
    expect(await cover(a, 'properties', property.id)).toBe('facade.png');

    const audit = (await app.request('GET', '/audit-logs?action=property.media_reordered', { token: a.accessToken })).body.items;
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ entityType: 'property', entityId: property.id, metadata: { name: 'T3 lumineux' } });
  });

  it('puts a newly linked photo last, forgets the place of an unlinked one, and orders products the same way', async () => {
    const product = await createProduct(app, a, { sku: 'GAL-P1', name: 'Chaise' });
    const one = await image(a, 'one.png', { productId: product.id });
    const loose = await image(a, 'loose.png');
    expect(loose.productPosition).toBeNull();
    const linked = await app.request('PATCH', `/media/${loose.id}`, { token: a.accessToken, body: { productId: product.id } });
    expect(linked.body).toMatchObject({ productId: product.id, productPosition: 1 });
    await reorder(a, 'products', product.id, [loose.id]);
    expect(await gallery(a, 'products', product.id)).toEqual(['loose.png', 'one.png']);
    expect(await cover(a, 'products', product.id)).toBe('loose.png');

    // Linking it again to the same product keeps its place; unlinking clears it; relinking puts it last.
    expect((await app.request('PATCH', `/media/${loose.id}`, { token: a.accessToken, body: { productId: product.id } })).body.productPosition).toBe(0);
    const unlinked = await app.request('PATCH', `/media/${loose.id}`, { token: a.accessToken, body: { productId: null } });
    expect(unlinked.body).toMatchObject({ productId: null, productPosition: null });
    expect((await db.query('SELECT product_position FROM entities.media_assets WHERE id = $1', [loose.id])).rows[0].product_position).toBeNull();
    expect(await cover(a, 'products', product.id)).toBe('one.png');
    // Positions only order: the gap the unlinked photo left stays, the relinked one comes after the last.
    expect((await app.request('PATCH', `/media/${loose.id}`, { token: a.accessToken, body: { productId: product.id } })).body.productPosition).toBe(2);
    expect(await gallery(a, 'products', product.id)).toEqual(['one.png', 'loose.png']);
    expect(one.productPosition).toBe(0);
  });

  it('refuses media not in the gallery, duplicates and malformed orders, changing nothing', async () => {
    const property = await createProperty(app, a, { reference: 'GAL-2' });
    const first = await image(a, 'first.png', { propertyId: property.id });
    const second = await image(a, 'second.png', { propertyId: property.id });
    const elsewhere = await image(a, 'elsewhere.png');
    const deleted = await image(a, 'deleted.png', { propertyId: property.id });
    expect((await app.request('DELETE', `/media/${deleted.id}`, { token: a.accessToken })).status).toBe(204);

    const refused = await reorder(a, 'properties', property.id, [second.id, elsewhere.id]);
    expectProblem(refused, 400, 'MEDIA_NOT_IN_GALLERY');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'mediaIds' })]);
    expectProblem(await reorder(a, 'properties', property.id, [deleted.id]), 400, 'MEDIA_NOT_IN_GALLERY');
    for (const body of [{ mediaIds: [] }, { mediaIds: [second.id, second.id] }, { mediaIds: ['not-a-uuid'] }, { mediaIds: second.id }, {}, { mediaIds: Array.from({ length: 101 }, () => second.id) }]) {
      expectProblem(await app.request('PUT', `/properties/${property.id}/media/order`, { token: a.accessToken, body }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await reorder(a, 'properties', '0192f0c4-0000-7000-8000-000000000000', [first.id]), 404, 'PROPERTY_NOT_FOUND');
    expectProblem(await app.request('GET', '/products/not-a-uuid/media', { token: a.accessToken }), 400);
    expect(await gallery(a, 'properties', property.id)).toEqual(['first.png', 'second.png']);
  });

  it("keeps galleries to their workspace: another workspace can neither read, reorder nor slip in media", async () => {
    const property = await createProperty(app, a, { reference: 'GAL-3', title: 'Privé' });
    const mine = await image(a, 'mine.png', { propertyId: property.id });
    const theirs = await image(b, 'theirs.png');
    const theirProperty = await createProperty(app, b, { reference: 'GAL-B' });

    expectProblem(await app.request('GET', `/properties/${property.id}/media`, { token: b.accessToken }), 404, 'PROPERTY_NOT_FOUND');
    expectProblem(await reorder(b, 'properties', property.id, [mine.id]), 404, 'PROPERTY_NOT_FOUND');
    // B's own listing cannot take A's photo, nor A's listing B's.
    expectProblem(await reorder(b, 'properties', theirProperty.id, [mine.id]), 400, 'MEDIA_NOT_IN_GALLERY');
    expectProblem(await reorder(a, 'properties', property.id, [theirs.id]), 400, 'MEDIA_NOT_IN_GALLERY');
    // Even linked to A's listing in the database, B's photo is not in A's gallery and keeps its place.
    await db.query('UPDATE entities.media_assets SET property_id = $1, property_position = 0 WHERE id = $2', [property.id, theirs.id]);
    expect(await gallery(a, 'properties', property.id)).toEqual(['mine.png']);
    expectProblem(await reorder(a, 'properties', property.id, [theirs.id]), 400, 'MEDIA_NOT_IN_GALLERY');
    expect((await reorder(a, 'properties', property.id, [mine.id])).status).toBe(200);
    expect((await db.query('SELECT property_position FROM entities.media_assets WHERE id = $1', [theirs.id])).rows[0].property_position).toBe(0);
    // Viewers read galleries, they do not reorder them.
    const key = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'lecture', scopes: ['catalog:read'] } })).body.key;
    expect((await app.request('GET', `/properties/${property.id}/media`, { apiKey: key })).status).toBe(200);
    expectProblem(await app.request('PUT', `/properties/${property.id}/media/order`, { apiKey: key, body: { mediaIds: [mine.id] } }), 403);
  });

  it('holds at most 100 media per gallery', async () => {
    const product = await createProduct(app, a, { sku: 'GAL-FULL', name: 'Pleine' });
    const filler = await image(a, 'filler.png');
    // Filled in the database: a hundred uploads would only test the upload throttle.
    await db.query(
      `INSERT INTO entities.media_assets (tenant_id, kind, mime_type, size_bytes, checksum, storage_key, status, product_id, product_position)
       SELECT $1, 'image', 'image/png', 1, 'x', 'k' || n, 'ready', $2, n FROM generate_series(0, 99) n`,
      [a.tenant.id, product.id],
    );
    const full = await app.request('PATCH', `/media/${filler.id}`, { token: a.accessToken, body: { productId: product.id } });
    expectProblem(full, 409, 'MEDIA_GALLERY_FULL');
    expect(full.body.errors).toEqual([expect.objectContaining({ field: 'productId' })]);
    const upload = await uploadMedia(app, { token: a.accessToken }, await gradient(20, 20).png().toBuffer(), 'one-too-many.png', { productId: product.id });
    expectProblem(upload, 409, 'MEDIA_GALLERY_FULL');
    expect((await db.query(`SELECT count(*)::int AS n FROM entities.media_assets WHERE original_name = 'one-too-many.png'`)).rows[0].n).toBe(0);
  });
});
