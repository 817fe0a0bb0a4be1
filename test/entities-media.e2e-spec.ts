import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ImageWorkLimiter } from '../src/infra/images/image-work-limiter.js';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { createProduct, createProperty, fetchFile, gradient, ids, jpegWithOrientation6, tinyPdf, uploadMedia } from './support/entities.js';

describe('Media assets', () => {
  let app: TestApp;
  let owner: Session;
  let mediaDir: string;
  const MAX_BYTES = 2 * 1024 * 1024;

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'lynara-media-'));
    app = await createTestApp({ MEDIA_DIR: mediaDir, MEDIA_MAX_BYTES: String(MAX_BYTES), MEDIA_MAX_PIXELS: '4000000' });
    owner = await register(app, 'Media Co');
  });
  afterAll(async () => {
    await app.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const auth = () => ({ token: owner.accessToken });
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('JPEG with EXIF orientation 6: stored upright, without EXIF; thumbnails never upscaled; declared type ignored', async () => {
    const jpeg = await jpegWithOrientation6(600, 400);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await uploadMedia(app, auth(), jpeg, '../../etc/holiday photo.jpg', {}, 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'image', mimeType: 'image/jpeg', originalName: 'holiday photo.jpg', width: 400, height: 600,
      dominantColor: expect.stringMatching(/^#[0-9a-f]{6}$/), checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
      productId: null, propertyId: null, url: expect.stringMatching(/^\/media\/files\//), urlExpiresAt: expect.any(String),
    });
    expect(res.body.variants.map((v: { width: number }) => v.width)).toEqual([160, 400]);

    const original = await fetchFile(app, res.body.url);
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(original.headers['content-disposition']).toBe('inline');
    expect(sha256(original.bytes)).toBe(res.body.checksum);
    expect(original.bytes.length).toBe(res.body.sizeBytes);
    const meta = await sharp(original.bytes).metadata();
    expect({ w: meta.width, h: meta.height, exif: meta.exif, orientation: meta.orientation }).toEqual({ w: 400, h: 600, exif: undefined, orientation: undefined });
    expect(original.bytes.includes(Buffer.from('LeakyCam'))).toBe(false);
    for (const v of res.body.variants) {
      const file = await fetchFile(app, v.url);
      expect(file.headers['content-type']).toBe('image/webp');
      const m = await sharp(file.bytes).metadata();
      expect({ format: m.format, width: m.width, height: m.height }).toEqual({ format: 'webp', width: v.width, height: v.height });
      expect(v.height).toBe(Math.round((v.width * 600) / 400));
    }
    // Keys are ours: no trace of the uploaded name on disk.
    const dir = join(mediaDir, owner.tenant.id, res.body.id);
    expect(readdirSync(dir).sort()).toEqual(['original.jpg', 'w160.webp', 'w400.webp']);
  });

  it('rotation is really applied: the left half of the sensor image becomes the top half', async () => {
    const left = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } })
      .composite([{ input: left, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await uploadMedia(app, auth(), jpeg, 'rot.jpg');
    const stored = await fetchFile(app, res.body.url);
    const { data, info } = await sharp(stored.bytes).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect([info.width, info.height]).toEqual([400, 600]);
    const [r1, , b1] = px(200, 100);
    const [r2, , b2] = px(200, 500);
    expect(r1! > 200 && b1! < 60).toBe(true);
    expect(r2! < 60 && b2! > 200).toBe(true);
  });

  it('PNG: three WebP thumbnails at 160, 480 and 1200 px wide', async () => {
    const png = await gradient(1600, 1000).png().toBuffer();
    const res = await uploadMedia(app, auth(), png, 'wide.png', {}, 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/png', width: 1600, height: 1000 });
    expect(res.body.variants.map((v: { name: string; width: number; height: number }) => [v.name, v.width, v.height])).toEqual([
      ['w160', 160, 100],
      ['w480', 480, 300],
      ['w1200', 1200, 750],
    ]);
    const file = await fetchFile(app, res.body.variants[2].url);
    expect((await sharp(file.bytes).metadata()).width).toBe(1200);
    const orig = await fetchFile(app, res.body.url);
    expect(orig.headers['content-type']).toBe('image/png');
    expect((await sharp(orig.bytes).metadata()).format).toBe('png');
  });

  it('WebP and GIF are accepted', async () => {
    const webp = await uploadMedia(app, auth(), await gradient(300, 200).webp().toBuffer(), 'a.webp');
    expect(webp.body).toMatchObject({ mimeType: 'image/webp', width: 300, height: 200 });
    const gif = await uploadMedia(app, auth(), await gradient(50, 40).gif().toBuffer(), 'a.gif');
    expect(gif.body).toMatchObject({ mimeType: 'image/gif', width: 50, height: 40 });
    expect(gif.body.variants.map((v: { width: number }) => v.width)).toEqual([50]);
  });

  it('a tiny PDF is stored as a document without thumbnails, and served as an attachment', async () => {
    const pdf = tinyPdf();
    const res = await uploadMedia(app, auth(), pdf, 'brochure.pdf', {}, 'text/html');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'document', mimeType: 'application/pdf', width: null, height: null, dominantColor: null, variants: [], sizeBytes: pdf.length, checksum: sha256(pdf) });
    const file = await fetchFile(app, res.body.url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="[0-9a-f-]+\.pdf"$/);
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.bytes.equals(pdf)).toBe(true);
  });

  it('refuses what is not an accepted type (415), too big (413), too many pixels or corrupt (422)', async () => {
    expectProblem(await uploadMedia(app, auth(), Buffer.from('just some text, honest'), 'photo.png', {}, 'image/png'), 415, 'MEDIA_UNSUPPORTED_TYPE');
    expectProblem(await uploadMedia(app, auth(), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg', {}, 'image/svg+xml'), 415, 'MEDIA_UNSUPPORTED_TYPE');
    expectProblem(await uploadMedia(app, auth(), Buffer.from('<html><script>alert(1)</script>'), 'x.gif', {}, 'image/gif'), 415, 'MEDIA_UNSUPPORTED_TYPE');

    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_BYTES + 10, 1)]);
    expectProblem(await uploadMedia(app, auth(), huge, 'huge.jpg'), 413);

    const manyPixels = await sharp({ create: { width: 2100, height: 2100, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(manyPixels.length).toBeLessThan(MAX_BYTES);
    expectProblem(await uploadMedia(app, auth(), manyPixels, 'big.png'), 422, 'MEDIA_TOO_MANY_PIXELS');

    const jpeg = await gradient(400, 300).jpeg().toBuffer();
    expectProblem(await uploadMedia(app, auth(), jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'cut.jpg'), 422, 'MEDIA_CORRUPT');
    const garbage = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);
    expectProblem(await uploadMedia(app, auth(), garbage, 'garbage.png'), 422, 'MEDIA_CORRUPT');
    const pdf = tinyPdf();
    expectProblem(await uploadMedia(app, auth(), pdf.subarray(0, pdf.length - 40), 'cut.pdf'), 422, 'MEDIA_CORRUPT');

    // Nothing was kept of any refused upload.
    const list = await app.request('GET', '/media?limit=200', { token: owner.accessToken });
    expect(list.body.items.map((m: { originalName: string }) => m.originalName)).not.toEqual(expect.arrayContaining(['photo.png', 'big.png', 'cut.jpg', 'garbage.png', 'cut.pdf']));
  });

  it('malformed uploads → 400', async () => {
    const url = `${app.url.replace('[::1]', '127.0.0.1')}/media`;
    const form = new FormData();
    form.append('productId', 'not-a-uuid');
    const noFile = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${owner.accessToken}` }, body: form });
    expect(noFile.status).toBe(400);
    const png = await gradient(20, 20).png().toBuffer();
    const two = new FormData();
    two.append('file', new Blob([new Uint8Array(png)]), 'a.png');
    two.append('file', new Blob([new Uint8Array(png)]), 'b.png');
    expect((await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${owner.accessToken}` }, body: two })).status).toBe(400);
    expectProblem(await uploadMedia(app, auth(), png, 'a.png', { productId: 'nope' }), 400, 'MEDIA_UPLOAD_INVALID');
    expectProblem(await uploadMedia(app, auth(), png, 'a.png', { colour: 'red' }), 400, 'MEDIA_UPLOAD_INVALID');
    const broken = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nno headers end' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
  });

  it('signed URLs: forged, tampered, missing or expired signatures → 403', async () => {
    const res = await uploadMedia(app, auth(), await gradient(200, 100).png().toBuffer(), 's.png');
    const url = new URL(res.body.url, 'http://x');
    const key = url.pathname.replace('/media/files/', '');
    const expires = url.searchParams.get('expires')!;
    const sig = url.searchParams.get('sig')!;
    expect((await fetchFile(app, res.body.url)).status).toBe(200);

    const forbidden = async (path: string) => {
      const r = await fetchFile(app, path);
      expect(r.status).toBe(403);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json.code).toBe('MEDIA_URL_INVALID');
    };
    await forbidden(`/media/files/${key}`);
    await forbidden(`/media/files/${key}?expires=${expires}`);
    await forbidden(`/media/files/${key}?expires=${expires}&sig=${sig.slice(0, -2)}AA`);
    await forbidden(`/media/files/${key}?expires=${Number(expires) + 60}&sig=${sig}`);
    // A variant's signature does not open the original.
    const variantSig = new URL(res.body.variants[0].url, 'http://x').searchParams.get('sig');
    await forbidden(`/media/files/${key}?expires=${expires}&sig=${variantSig}`);
    // Correctly signed with our key but expired.
    const secret = createHmac('sha256', Buffer.from(app.config.ENCRYPTION_KEY, 'base64')).update('lynara:media-url:v1').digest();
    const past = Math.floor(Date.now() / 1000) - 5;
    const expiredSig = createHmac('sha256', secret).update(`${key}\n${past}`).digest('base64url');
    await forbidden(`/media/files/${key}?expires=${past}&sig=${expiredSig}`);
    // Signed with a different secret.
    const otherSig = createHmac('sha256', 'not our secret').update(`${key}\n${expires}`).digest('base64url');
    await forbidden(`/media/files/${key}?expires=${expires}&sig=${otherSig}`);
    // Path tricks never reach the disk.
    await forbidden(`/media/files/..%2F..%2Fetc/passwd/x.jpg?expires=${expires}&sig=${sig}`);
  });

  it('links to products and properties of the workspace; filters the list by them; unlinks with null', async () => {
    const product = await createProduct(app, owner, { sku: 'MEDIA-P1', name: 'Sofa' });
    const property = await createProperty(app, owner, { reference: 'MEDIA-R1' });
    const png = await gradient(64, 64).png().toBuffer();
    const up = await uploadMedia(app, auth(), png, 'sofa.png', { productId: product.id });
    expect(up.status).toBe(201);
    expect(up.body.productId).toBe(product.id);
    expectProblem(await uploadMedia(app, auth(), png, 'x.png', { productId: '00000000-0000-4000-8000-000000000000' }), 404, 'PRODUCT_NOT_FOUND');
    expect(ids(await app.request('GET', `/media?productId=${product.id}`, { token: owner.accessToken }))).toEqual([up.body.id]);

    const linked = await app.request('PATCH', `/media/${up.body.id}`, { token: owner.accessToken, body: { propertyId: property.id } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ productId: product.id, propertyId: property.id });
    expect(ids(await app.request('GET', `/media?propertyId=${property.id}`, { token: owner.accessToken }))).toEqual([up.body.id]);
    expectProblem(await app.request('PATCH', `/media/${up.body.id}`, { token: owner.accessToken, body: { propertyId: '00000000-0000-4000-8000-000000000000' } }), 404, 'PROPERTY_NOT_FOUND');
    const unlinked = await app.request('PATCH', `/media/${up.body.id}`, { token: owner.accessToken, body: { productId: null } });
    expect(unlinked.body).toMatchObject({ productId: null, propertyId: property.id });
    expect(ids(await app.request('GET', `/media?productId=${product.id}`, { token: owner.accessToken }))).toEqual([]);
    expectProblem(await app.request('GET', '/media?productId=zzz', { token: owner.accessToken }), 400, 'VALIDATION_FAILED');

    const got = await app.request('GET', `/media/${up.body.id}`, { token: owner.accessToken });
    expect(got.status).toBe(200);
    expect(got.body.variants).toHaveLength(1);
    expect((await fetchFile(app, got.body.variants[0].url)).status).toBe(200);
  });

  it('lists products and properties with their cover: the first image of the gallery (the main photo), never a PDF', async () => {
    const product = await createProduct(app, owner, { sku: 'COVER-P1', name: 'Lampe' });
    const bare = await createProduct(app, owner, { sku: 'COVER-P2', name: 'Sans photo' });
    const property = await createProperty(app, owner, { reference: 'COVER-R1' });
    const plan = await uploadMedia(app, auth(), tinyPdf(), 'plan.pdf', { productId: product.id, propertyId: property.id });
    const first = await uploadMedia(app, auth(), await gradient(64, 64).png().toBuffer(), 'first.png', { productId: product.id, propertyId: property.id });
    const second = await uploadMedia(app, auth(), await gradient(80, 60).png().toBuffer(), 'second.png', { productId: product.id });
    const covers = async (path: string) =>
      new Map(((await app.request('GET', `${path}?q=COVER`, { token: owner.accessToken })).body.items as { id: string; cover: { id: string; variants: { url: string }[] } | null }[]).map((p) => [p.id, p.cover]));

    // New media go last: the first image uploaded stays the main photo; a PDF first in line is skipped.
    const products = await covers('/products');
    expect(products.get(product.id)?.id).toBe(first.body.id);
    expect(products.get(bare.id)).toBeNull();
    expect((await fetchFile(app, products.get(product.id)!.variants[0]!.url)).status).toBe(200);
    expect((await covers('/properties')).get(property.id)?.id).toBe(first.body.id);
    expect(plan.body.productPosition).toBe(0);

    // Chosen as the main photo: it becomes the cover.
    expect((await app.request('PUT', `/products/${product.id}/media/order`, { token: owner.accessToken, body: { mediaIds: [second.body.id] } })).status).toBe(200);
    expect((await covers('/products')).get(product.id)?.id).toBe(second.body.id);

    // Another workspace's image never becomes a cover, even pointing at this product, first in line, in the database.
    const other = await register(app, 'Cover Intruder');
    const theirs = await uploadMedia(app, { token: other.accessToken }, await gradient(32, 32).png().toBuffer(), 'theirs.png');
    const db = await ownerClient();
    await db.query(`UPDATE entities.media_assets SET product_id = $1, product_position = 0, created_at = now() - interval '1 day' WHERE id = $2`, [product.id, theirs.body.id]);
    await db.end();
    const again = await covers('/products');
    expect([...again.values()].map((c) => c?.id)).not.toContain(theirs.body.id);
    expect(again.get(product.id)?.id).toBe(second.body.id);
  });

  it('DELETE removes the asset and its files: 404 afterwards, old URLs stop working', async () => {
    const up = await uploadMedia(app, auth(), await gradient(300, 300).jpeg().toBuffer(), 'bye.jpg');
    expect((await app.request('DELETE', `/media/${up.body.id}`, { token: owner.accessToken })).status).toBe(204);
    expectProblem(await app.request('GET', `/media/${up.body.id}`, { token: owner.accessToken }), 404, 'MEDIA_NOT_FOUND');
    expectProblem(await app.request('DELETE', `/media/${up.body.id}`, { token: owner.accessToken }), 404, 'MEDIA_NOT_FOUND');
    expect((await fetchFile(app, up.body.url)).status).toBe(404);
    expect((await fetchFile(app, up.body.variants[0].url)).status).toBe(404);
    expect(ids(await app.request('GET', '/media?limit=200', { token: owner.accessToken }))).not.toContain(up.body.id);
  });

  it('finds media by file name, wildcards taken literally', async () => {
    const png = await gradient(24, 24).png().toBuffer();
    await uploadMedia(app, auth(), png, 'Canapé-Salon.png');
    await uploadMedia(app, auth(), png, 'remise_50%.png');
    const found = await app.request('GET', '/media?q=canapé-s', { token: owner.accessToken });
    expect(found.body.items.map((m: { originalName: string }) => m.originalName)).toEqual(['Canapé-Salon.png']);
    expect((await app.request('GET', '/media?q=_50%25', { token: owner.accessToken })).body.items.map((m: { originalName: string }) => m.originalName)).toEqual(['remise_50%.png']);
    const names = async (q: string) => (await app.request('GET', `/media?q=${q}`, { token: owner.accessToken })).body.items.map((m: { originalName: string }) => m.originalName);
    expect(await names('%25')).toEqual(['remise_50%.png']);
    expect(await names('_')).toEqual(['remise_50%.png']);
    expectProblem(await app.request('GET', `/media?q=${'x'.repeat(101)}`, { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
  });

  it('pages the library newest first', async () => {
    const first = await app.request('GET', '/media?limit=2&kind=image', { token: owner.accessToken });
    expect(first.body.items).toHaveLength(2);
    const second = await app.request('GET', `/media?limit=2&kind=image&cursor=${first.body.nextCursor}`, { token: owner.accessToken });
    expect(second.status).toBe(200);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect(ids(await app.request('GET', '/media?kind=document', { token: owner.accessToken })).length).toBe(2);
  });

  describe('volume limits', () => {
    // Replicas of the API with other limits; closed only when the suite ends (see createTestApp).
    let defaults: TestApp;
    let narrow: TestApp;
    let limited: TestApp;
    let other: Session;

    beforeAll(async () => {
      defaults = await createTestApp({ MEDIA_DIR: mediaDir });
      narrow = await createTestApp({ MEDIA_DIR: mediaDir, IMAGE_CONCURRENCY: '1', IMAGE_QUEUE_SIZE: '1' });
      limited = await createTestApp({ MEDIA_DIR: mediaDir, MEDIA_UPLOADS_PER_MINUTE: '3' });
      other = await register(app, 'Media Neighbour');
    });
    afterAll(async () => {
      await Promise.all([defaults, narrow, limited].map((a) => a?.close()));
    });

    it('by default refuses a 49 MP image (a small PNG) and accepts a 24 MP camera photo', async () => {
      const bomb = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
      expect(bomb.length).toBeLessThan(300_000);
      expectProblem(await uploadMedia(defaults, auth(), bomb, 'bomb.png'), 422, 'MEDIA_TOO_MANY_PIXELS');
      const photo = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#3a6ea5' } }).jpeg({ quality: 80 }).toBuffer();
      const res = await uploadMedia(defaults, auth(), photo, 'camera.jpg');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ width: 6000, height: 4000 });
    });

    it('processes images a bounded number at a time: past the wait queue, 503 with Retry-After, and nothing kept', async () => {
      const limiter = narrow.nest.get(ImageWorkLimiter);
      const png = await gradient(120, 80).png().toBuffer();
      // Another image task (an upload, OCR) holds the only slot until released.
      let release!: () => void;
      const holding = limiter.run(() => new Promise<void>((r) => (release = r)));
      const queued = uploadMedia(narrow, auth(), png, 'queued.png');
      const deadline = Date.now() + 10_000;
      while (limiter.stats().waiting < 1) {
        if (Date.now() > deadline) throw new Error('the upload never queued for image work');
        await new Promise((r) => setTimeout(r, 20));
      }
      const refused = await uploadMedia(narrow, auth(), png, 'refused.png');
      expectProblem(refused, 503, 'IMAGE_WORK_BUSY');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limiter.stats()).toEqual({ active: 1, waiting: 1, capacity: 1, queueSize: 1 });

      release();
      await holding;
      expect((await queued).status).toBe(201);
      expect(limiter.stats()).toMatchObject({ active: 0, waiting: 0 });
      const names = (await app.request('GET', '/media?q=.png&limit=200', { token: owner.accessToken })).body.items.map((m: { originalName: string }) => m.originalName);
      expect(names).toContain('queued.png');
      expect(names).not.toContain('refused.png');
      expect((await uploadMedia(narrow, auth(), png, 'after.png')).status).toBe(201);
    });

    it('limits uploads per workspace per minute (429 with Retry-After); another workspace is not affected', async () => {
      const s = await register(app, 'Busy Uploader');
      const png = await gradient(40, 30).png().toBuffer();
      for (let i = 0; i < 3; i++) expect((await uploadMedia(limited, { token: s.accessToken }, png, `ok-${i}.png`)).status).toBe(201);
      const refused = await uploadMedia(limited, { token: s.accessToken }, png, 'one-too-many.png');
      expectProblem(refused, 429, 'MEDIA_RATE_LIMITED');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const mine = await limited.request('GET', '/media?limit=200', { token: s.accessToken });
      expect(mine.body.items.map((m: { originalName: string }) => m.originalName).sort()).toEqual(['ok-0.png', 'ok-1.png', 'ok-2.png']);

      expect((await uploadMedia(limited, { token: other.accessToken }, png, 'neighbour.png')).status).toBe(201);
    });
  });
});
