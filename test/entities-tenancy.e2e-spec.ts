import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createProduct, createProperty, fetchFile, gradient, ids, postRaw, uploadMedia } from './support/entities.js';
import { addMember } from './support/team.js';

describe('Entities: tenant isolation, roles and API key scopes', () => {
  let app: TestApp;
  let mediaDir: string;
  let a: Session;
  let b: Session;
  let aProduct: any;
  let aProperty: any;
  let aMedia: any;
  let bMedia: any;

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'lynara-media-'));
    app = await createTestApp({ MEDIA_DIR: mediaDir });
    a = await register(app, 'Tenant A');
    b = await register(app, 'Tenant B');
    aProduct = await createProduct(app, a, { sku: 'SHARED-SKU', name: 'A secret product', priceMinor: 100, currency: 'EUR' });
    aProperty = await createProperty(app, a, { reference: 'SHARED-REF', title: 'A secret listing', city: 'Secretville' });
    const png = await gradient(200, 100).png().toBuffer();
    aMedia = (await uploadMedia(app, { token: a.accessToken }, png, 'a.png', { productId: aProduct.id })).body;
    bMedia = (await uploadMedia(app, { token: b.accessToken }, png, 'b.png')).body;
  });
  afterAll(async () => {
    await app.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  describe('tenant B cannot reach tenant A', () => {
    it('products: not listed, not found by search, 404 on read/change/delete; its own SKU space is separate', async () => {
      const t = { token: b.accessToken };
      expect(ids(await app.request('GET', '/products?q=secret', t))).toEqual([]);
      expect(ids(await app.request('GET', '/products?limit=200', t))).not.toContain(aProduct.id);
      expectProblem(await app.request('GET', `/products/${aProduct.id}`, t), 404, 'PRODUCT_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/products/${aProduct.id}`, { ...t, body: { name: 'pwned' } }), 404, 'PRODUCT_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/products/${aProduct.id}`, t), 404, 'PRODUCT_NOT_FOUND');
      // Same SKU in B is fine, and B's import of it creates B's own product.
      expect((await app.request('POST', '/products', { ...t, body: { sku: 'SHARED-SKU', name: 'B product' } })).status).toBe(201);
      const imp = await postRaw(app, '/products/import', t, 'sku,name\nSHARED-SKU,B renamed\n');
      expect(imp.body).toMatchObject({ created: 0, updated: 1 });
      expect((await app.request('GET', `/products/${aProduct.id}`, { token: a.accessToken })).body.name).toBe('A secret product');
    });

    it('properties: not listed, not searchable, 404 on read/change/delete; imports never touch A', async () => {
      const t = { token: b.accessToken };
      expect(ids(await app.request('GET', '/properties?q=Secretville', t))).toEqual([]);
      expect(ids(await app.request('GET', '/properties?city=Secretville', t))).toEqual([]);
      expectProblem(await app.request('GET', `/properties/${aProperty.id}`, t), 404, 'PROPERTY_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/properties/${aProperty.id}`, { ...t, body: { status: 'sold' } }), 404, 'PROPERTY_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/properties/${aProperty.id}`, t), 404, 'PROPERTY_NOT_FOUND');
      const imp = await postRaw(app, '/properties/import', t, 'reference,title,type,city\nSHARED-REF,B listing,house,Btown\n');
      expect(imp.body).toMatchObject({ created: 1, updated: 0 });
      expect((await app.request('GET', `/properties/${aProperty.id}`, { token: a.accessToken })).body).toMatchObject({ title: 'A secret listing', status: 'draft' });
    });

    it('media: not listed, 404 on read/change/delete, cannot link to A\'s product or property', async () => {
      const t = { token: b.accessToken };
      expect(ids(await app.request('GET', '/media?limit=200', t))).toEqual([bMedia.id]);
      expect(ids(await app.request('GET', `/media?productId=${aProduct.id}`, t))).toEqual([]);
      expectProblem(await app.request('GET', `/media/${aMedia.id}`, t), 404, 'MEDIA_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/media/${aMedia.id}`, { ...t, body: { productId: null } }), 404, 'MEDIA_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/media/${aMedia.id}`, t), 404, 'MEDIA_NOT_FOUND');
      // Linking B's own media, or a new upload, to A's product/property: 404 (the foreign key alone would allow it).
      expectProblem(await app.request('PATCH', `/media/${bMedia.id}`, { ...t, body: { productId: aProduct.id } }), 404, 'PRODUCT_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/media/${bMedia.id}`, { ...t, body: { propertyId: aProperty.id } }), 404, 'PROPERTY_NOT_FOUND');
      const png = await gradient(10, 10).png().toBuffer();
      expectProblem(await uploadMedia(app, t, png, 'x.png', { productId: aProduct.id }), 404, 'PRODUCT_NOT_FOUND');
      expectProblem(await uploadMedia(app, t, png, 'x.png', { propertyId: aProperty.id }), 404, 'PROPERTY_NOT_FOUND');
      // A's asset is untouched.
      expect((await app.request('GET', `/media/${aMedia.id}`, { token: a.accessToken })).body).toMatchObject({ productId: aProduct.id });
    });

    it("a URL signed for B's file cannot be turned into A's file", async () => {
      const bUrl = new URL(bMedia.url, 'http://x');
      const aUrl = new URL(aMedia.url, 'http://x');
      const query = bUrl.search;
      // A's key with B's signature and expiry.
      const forged = await fetchFile(app, `${aUrl.pathname}${query}`);
      expect(forged.status).toBe(403);
      expect(forged.json.code).toBe('MEDIA_URL_INVALID');
      // B's tenant and asset, A's file name; A's tenant, B's asset.
      const [, , , bTenant, bAsset] = bUrl.pathname.split('/');
      const [, , , aTenant, aAsset] = aUrl.pathname.split('/');
      expect((await fetchFile(app, `/media/files/${aTenant}/${bAsset}/original.png${query}`)).status).toBe(403);
      expect((await fetchFile(app, `/media/files/${bTenant}/${aAsset}/original.png${query}`)).status).toBe(403);
      expect(bTenant).toBe(b.tenant.id);
      expect((await fetchFile(app, bMedia.url)).status).toBe(200);
    });
  });

  describe('roles and scopes', () => {
    let viewer: Session;
    beforeAll(async () => {
      viewer = await addMember(app, a, 'viewer');
    });

    it('a viewer reads everything but changes nothing', async () => {
      const t = { token: viewer.accessToken };
      expect((await app.request('GET', '/products', t)).status).toBe(200);
      expect((await app.request('GET', `/products/${aProduct.id}`, t)).status).toBe(200);
      expect((await app.request('GET', '/properties', t)).status).toBe(200);
      expect((await app.request('GET', `/media/${aMedia.id}`, t)).status).toBe(200);
      expectProblem(await app.request('POST', '/products', { ...t, body: { sku: 'V-1', name: 'x' } }), 403);
      expectProblem(await app.request('PATCH', `/products/${aProduct.id}`, { ...t, body: { name: 'x' } }), 403);
      expectProblem(await app.request('DELETE', `/products/${aProduct.id}`, t), 403);
      expectProblem(await app.request('POST', '/properties', { ...t, body: { reference: 'V-1', title: 'x', propertyType: 'house' } }), 403);
      expectProblem(await app.request('DELETE', `/properties/${aProperty.id}`, t), 403);
      expectProblem(await postRaw(app, '/products/import', t, 'sku,name\nV-2,x\n'), 403);
      expectProblem(await postRaw(app, '/properties/import', t, 'reference,title,type\nV-2,x,house\n'), 403);
      expectProblem(await uploadMedia(app, t, await gradient(10, 10).png().toBuffer(), 'v.png'), 403);
      expectProblem(await app.request('PATCH', `/media/${aMedia.id}`, { ...t, body: { productId: null } }), 403);
      expectProblem(await app.request('DELETE', `/media/${aMedia.id}`, t), 403);
      expect((await app.request('GET', `/products/${aProduct.id}`, t)).body.name).toBe('A secret product');
    });

    it('a marketer can write the catalogue', async () => {
      const marketer = await addMember(app, a, 'marketer');
      expect((await app.request('POST', '/products', { token: marketer.accessToken, body: { sku: 'MKT-1', name: 'By marketer' } })).status).toBe(201);
    });

    it('API keys: catalog:read reads only, catalog:write writes, other scopes get nothing', async () => {
      const key = async (scopes: string[]) => (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: scopes.join('+'), scopes } })).body.key as string;
      const reader = await key(['catalog:read']);
      const writer = await key(['catalog:read', 'catalog:write']);
      const leads = await key(['leads:read', 'leads:write']);

      expect(ids(await app.request('GET', '/products?q=secret', { apiKey: reader }))).toEqual([aProduct.id]);
      expect((await app.request('GET', `/properties/${aProperty.id}`, { apiKey: reader })).status).toBe(200);
      expect((await app.request('GET', '/media', { apiKey: reader })).status).toBe(200);
      expectProblem(await app.request('POST', '/products', { apiKey: reader, body: { sku: 'K-1', name: 'x' } }), 403);
      expectProblem(await postRaw(app, '/products/import', { apiKey: reader }, 'sku,name\nK-2,x\n'), 403);
      expectProblem(await uploadMedia(app, { apiKey: reader }, await gradient(10, 10).png().toBuffer(), 'k.png'), 403);

      const created = await app.request('POST', '/products', { apiKey: writer, body: { sku: 'K-3', name: 'By key' } });
      expect(created.status).toBe(201);
      const up = await uploadMedia(app, { apiKey: writer }, await gradient(10, 10).png().toBuffer(), 'k.png', { productId: created.body.id });
      expect(up.status).toBe(201);
      expect((await postRaw(app, '/properties/import', { apiKey: writer }, 'reference,title,type\nK-4,x,house\n')).body.created).toBe(1);

      expectProblem(await app.request('GET', '/products', { apiKey: leads }), 403);
      expectProblem(await app.request('GET', '/media', { apiKey: leads }), 403);
      expectProblem(await app.request('GET', '/products', {}), 401);
    });
  });
});
