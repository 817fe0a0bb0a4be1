import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';

describe('duplicate detection and segment export', () => {
  let app: TestApp;
  let a: Session;
  let b: Session;
  const create = async (s: Session, body: object) => (await app.request('POST', '/leads', { token: s.accessToken, body })).body.id as string;

  beforeAll(async () => {
    app = await createTestApp();
    a = await register(app, 'Dup A', 'da');
    b = await register(app, 'Dup B', 'db');
  });
  afterAll(() => app.close());

  it('finds leads that look like the same person, with the reasons', async () => {
    const original = await create(a, { email: 'camille.martin@agence.fr', phone: '06 11 22 33 44', firstName: 'Camille', lastName: 'Martin' });
    const samePhone = await create(a, { email: 'c.martin@autre.fr', phone: '+33611223344' });
    const sameMailName = await create(a, { email: 'camille.martin@gmail.com' });
    const sameName = await create(a, { phone: '06 99 88 77 66', firstName: 'CAMILLE', lastName: 'martin' });
    await create(a, { email: 'someone.else@agence.fr', firstName: 'Paul', lastName: 'Roux' });
    await create(b, { email: 'camille.martin@b.fr', phone: '06 11 22 33 44', firstName: 'Camille', lastName: 'Martin' });

    const res = await app.request('GET', `/leads/${original}/duplicates`, { token: a.accessToken });
    expect(res.status).toBe(200);
    const found = Object.fromEntries(res.body.items.map((d: { lead: { id: string }; reasons: string[] }) => [d.lead.id, d.reasons]));
    expect(found).toEqual({ [samePhone]: ['phone'], [sameMailName]: ['emailLocalPart'], [sameName]: ['name'] });

    expectProblem(await app.request('GET', `/leads/${original}/duplicates`, { token: b.accessToken }), 404, 'LEAD_NOT_FOUND');
  });

  it('exports a segment\'s leads, and only the segment\'s tenant can', async () => {
    const seg = await app.request('POST', '/segments', {
      token: a.accessToken,
      body: { name: 'Martins', rules: { op: 'and', conditions: [{ type: 'field', field: 'lastName', operator: 'eq', value: 'martin' }] } },
    });
    const res = await fetch(`${app.url}/leads/export.csv?segmentId=${seg.body.id}`, { headers: { authorization: `Bearer ${a.accessToken}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).join('\n')).toContain('camille.martin@agence.fr');
    const other = await fetch(`${app.url}/leads/export.csv?segmentId=${seg.body.id}`, { headers: { authorization: `Bearer ${b.accessToken}` } });
    expect(other.status).toBe(404);
  });
});
