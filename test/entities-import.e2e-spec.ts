import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { postRaw } from './support/entities.js';

describe('CSV import of products and properties', () => {
  let app: TestApp;
  let owner: Session;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await register(app, 'Import Co');
  });
  afterAll(async () => {
    await app.close();
  });

  const auth = () => ({ token: owner.accessToken });
  const product = async (sku: string) => {
    const res = await app.request('GET', `/products?q=${encodeURIComponent(sku)}`, { token: owner.accessToken });
    return res.body.items.find((p: { sku: string }) => p.sku === sku);
  };

  const PRODUCTS = [
    'sku,name,price,currency,active,attr.colour,description',
    'IMP-1,Oak chair,129.90,EUR,yes,oak,"Solid oak, waxed"',
    'IMP-2,Tea set,"1 500",JPY,true,white,',
    'IMP-3,Desk,45,EUR,0,,"Multi-line',
    'description"',
    'IMP-4,Bad currency,10,EURO,true,,',
    ',No sku,10,EUR,true,,',
    'IMP-1,Duplicate,1,EUR,true,,',
    'IMP-5,Too few fields',
    'IMP-6,Bad price,12.345,EUR,true,,',
  ].join('\r\n');

  it('imports a UTF-8, comma-separated file: creates valid rows, lists each rejected line with reasons', async () => {
    const res = await postRaw(app, '/products/import', auth(), PRODUCTS);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejectedTotal: 5, encoding: 'utf-8', delimiter: ',', ignoredColumns: [] });
    const rejected = Object.fromEntries(res.body.rejected.map((r: { line: number; reasons: string[] }) => [r.line, r.reasons.join(' | ')]));
    expect(Object.keys(rejected).map(Number)).toEqual([6, 7, 8, 9, 10]);
    expect(rejected[6]).toMatch(/currency/);
    expect(rejected[7]).toMatch(/sku is empty/);
    expect(rejected[8]).toMatch(/already appears on line 2/);
    expect(rejected[9]).toMatch(/2 field\(s\), the header has 7/);
    expect(rejected[10]).toMatch(/price/);
    expect(await product('IMP-1')).toMatchObject({ name: 'Oak chair', priceMinor: 12990, currency: 'EUR', active: true, attributes: { colour: 'oak' }, description: 'Solid oak, waxed' });
    expect(await product('IMP-2')).toMatchObject({ priceMinor: 1500, currency: 'JPY', attributes: { colour: 'white' }, description: null });
    expect(await product('IMP-3')).toMatchObject({ priceMinor: 4500, active: false, attributes: {}, description: 'Multi-line\ndescription' });
    expect(await product('IMP-4')).toBeUndefined();
  });

  it('re-importing the same file changes nothing; a changed row updates only that product', async () => {
    const before = await product('IMP-1');
    const again = await postRaw(app, '/products/import', auth(), PRODUCTS);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejectedTotal: 5 });
    expect((await product('IMP-1')).updatedAt).toBe(before.updatedAt);
    const changed = await postRaw(app, '/products/import', auth(), 'sku,name,price,currency\nIMP-1,Oak chair,139.90,EUR\nIMP-2,Tea set,1500,JPY\n');
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejectedTotal: 0 });
    // Columns absent from the file are left alone.
    expect(await product('IMP-1')).toMatchObject({ priceMinor: 13990, attributes: { colour: 'oak' }, description: 'Solid oak, waxed', id: before.id });
  });

  it('imports a Latin-1, semicolon-separated file with French headers and decimal commas', async () => {
    const csv = [
      'Référence;Titre;Type;Transaction;Statut;Ville;Pays;Surface;Pièces;Chambres;Prix;Devise;Latitude;Longitude',
      'FR-001;Château à Évian;house;sale;available;Évian-les-Bains;fr;1 250,50;12;6;2 400 000,00;EUR;46,4;6,59',
      'FR-002;Studio près de la gare;apartment;rent;draft;Lyon;FR;18;1;0;650;EUR;;',
      'FR-003;Pièce unique;castle;sale;vendu;Lyon;FR;18;1;0;650;EUR;;',
    ].join('\n');
    const res = await postRaw(app, '/properties/import', auth(), Buffer.from(csv, 'latin1'), 'text/csv; charset=iso-8859-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, rejectedTotal: 1, encoding: 'latin-1', delimiter: ';' });
    expect(res.body.rejected[0]).toMatchObject({ line: 4, reasons: [expect.stringMatching(/status/)] });
    const found = await app.request('GET', '/properties?q=FR-001', { token: owner.accessToken });
    expect(found.body.items[0]).toMatchObject({
      title: 'Château à Évian', city: 'Évian-les-Bains', country: 'FR', surfaceM2: 1250.5, rooms: 12, bedrooms: 6,
      priceMinor: 240_000_000, currency: 'EUR', latitude: 46.4, longitude: 6.59, status: 'available', transactionType: 'sale',
    });
    const again = await postRaw(app, '/properties/import', auth(), Buffer.from(csv, 'latin1'));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejectedTotal: 1 });
    // A later file with fewer columns changes only those columns.
    const update = await postRaw(app, '/properties/import', auth(), 'reference;status;surface\nFR-001;under_offer;1 300\nFR-002;draft;18\n');
    expect(update.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejectedTotal: 0 });
    const after = (await app.request('GET', '/properties?q=FR-001', { token: owner.accessToken })).body.items[0];
    expect(after).toMatchObject({ id: found.body.items[0].id, status: 'under_offer', surfaceM2: 1300, title: 'Château à Évian', priceMinor: 240_000_000, latitude: 46.4 });
  });

  it('a UTF-8 file with BOM and tab separators works too', async () => {
    const res = await postRaw(app, '/products/import', auth(), Buffer.from('\ufeffsku\tname\nTAB-1\tCafé crème\n', 'utf8'));
    expect(res.body).toMatchObject({ created: 1, encoding: 'utf-8', delimiter: '\t' });
    expect(await product('TAB-1')).toMatchObject({ name: 'Café crème' });
  });

  it('malformed files → 400 problem, never 500, and nothing is written', async () => {
    const bad: [string | Buffer, string][] = [
      ['sku,name\nBAD-1,"unclosed quote\nBAD-2,x\n', 'CSV_MALFORMED'],
      ['sku,name\nBAD-3,a"b"c\n', 'CSV_MALFORMED'],
      ['', 'CSV_MALFORMED'],
      ['name,price\nNo key,1\n', 'CSV_MALFORMED'],
      [Buffer.from([0x73, 0x6b, 0x75, 0x0a, 0x00, 0x01, 0x02]), 'CSV_MALFORMED'],
      [Buffer.from('\ufffe\u0000s\u0000k\u0000u', 'utf16le'), 'CSV_MALFORMED'],
    ];
    for (const [body, code] of bad) expectProblem(await postRaw(app, '/products/import', auth(), body), 400, code);
    expect(await product('BAD-1')).toBeUndefined();
    expect(await product('BAD-3')).toBeUndefined();
  });

  it('a file over 10 MB → 413; a non-CSV body → 415; CSV to a JSON endpoint → 415', async () => {
    const big = `sku,name\n${'X-1,'.padEnd(1000, 'y')}\n`.repeat(10_600);
    expectProblem(await postRaw(app, '/products/import', auth(), big), 413);
    expectProblem(await app.request('POST', '/products/import', { token: owner.accessToken, body: { sku: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await postRaw(app, '/products', auth(), 'sku,name\nA,B\n'), 415);
  });
});
