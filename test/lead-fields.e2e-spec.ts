import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { auditActions, createLead, leadRow } from './support/crm.js';
import { ownerClient } from './support/db.js';
import { addMember } from './support/team.js';

describe('Lead standard fields (civility, address, country, source creation date)', () => {
  let app: TestApp;
  let db: pg.Client;
  /** Default country FR. */
  let a: Session;
  /** No default country. */
  let b: Session;
  let tag = 0;
  const email = (name = 'lead') => `${name}.${process.pid}.${++tag}@example.test`;

  beforeAll(async () => {
    app = await createTestApp();
    db = await ownerClient();
    a = await register(app, 'Fields A', 'fa');
    b = await register(app, 'Fields B', 'fb');
    const res = await app.request('PATCH', '/workspace/settings', { token: a.accessToken, body: { defaultCountry: 'fr' } });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  describe('create and update', () => {
    it('stores the fields, reads civility words and lower-case countries, and returns them', async () => {
      const lead = await createLead(app, a, {
        email: email(),
        civility: 'Mme',
        firstName: 'Hélène',
        lastName: 'Lefèvre',
        streetAddress: ' 12 rue de la   République ',
        postalCode: ' 42000 ',
        city: 'Saint-Étienne',
        country: 'fr',
        sourceCreatedAt: '2019-03-14T09:30:00+01:00',
      });
      expect(lead).toMatchObject({
        civility: 'ms',
        streetAddress: '12 rue de la République',
        postalCode: '42000',
        city: 'Saint-Étienne',
        region: 'Auvergne-Rhône-Alpes',
        country: 'FR',
        sourceCreatedAt: '2019-03-14T08:30:00.000Z',
        timezone: 'Europe/Paris',
      });
      const row = await leadRow(db, lead.id);
      expect(row).toMatchObject({ civility: 'ms', postal_code: '42000', country: 'FR' });

      const got = await app.request('GET', `/leads/${lead.id}`, { token: a.accessToken });
      expect(got.body).toMatchObject({ civility: 'ms', city: 'Saint-Étienne', country: 'FR' });

      const upd = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { civility: 'Monsieur', streetAddress: null, sourceCreatedAt: null } });
      expect(upd.status).toBe(200);
      expect(upd.body).toMatchObject({ civility: 'mr', streetAddress: null, sourceCreatedAt: null, city: 'Saint-Étienne' });
    });

    it.each([
      ['country', { country: 'XX' }],
      ['country', { country: 'France' }],
      ['postalCode', { postalCode: '4200' + 'A' }],
      ['postalCode', { country: 'BE', postalCode: '75008' }],
      ['civility', { civility: 'Docteur' }],
      ['sourceCreatedAt', { sourceCreatedAt: '14/03/2019' }],
      ['sourceCreatedAt', { sourceCreatedAt: '2019-02-30' }],
      ['sourceCreatedAt', { sourceCreatedAt: new Date(Date.now() + 86_400_000).toISOString() }],
      ['civility', { civility: 42 }],
    ])('refuses a bad %s with a field problem (400) and writes nothing', async (field, body) => {
      const mail = email('bad');
      const res = await app.request('POST', '/leads', { token: a.accessToken, body: { email: mail, ...body } });
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await db.query('SELECT 1 FROM crm.leads WHERE email = $1', [mail])).rowCount).toBe(0);
    });

    it('checks a new postal code against the country the lead already has', async () => {
      const lead = await createLead(app, a, { email: email(), country: 'BE', postalCode: '1000' });
      expect(lead).toMatchObject({ country: 'BE', postalCode: '1000', timezone: 'Europe/Brussels' });
      const res = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { postalCode: '75008' } });
      expectProblem(res, 400);
      expect(res.body.errors[0]).toMatchObject({ field: 'postalCode' });
      const fr = await createLead(app, a, { email: email(), postalCode: '42000' });
      const moved = await app.request('PATCH', `/leads/${fr.id}`, { token: a.accessToken, body: { country: 'BE' } });
      expectProblem(moved, 400);
      expect(moved.body.errors[0]).toMatchObject({ field: 'postalCode' });
      const both = await app.request('PATCH', `/leads/${fr.id}`, { token: a.accessToken, body: { country: 'BE', postalCode: '1000', city: 'Bruxelles', region: null } });
      expect(both.body).toMatchObject({ country: 'BE', postalCode: '1000', city: 'Bruxelles', region: null });
    });
  });

  describe('workspace default country', () => {
    it('gives a new lead the default country when it has none; not on update, not over a given one', async () => {
      const lead = await createLead(app, a, { email: email() });
      expect(lead.country).toBe('FR');
      const given = await createLead(app, a, { email: email(), country: 'CH' });
      expect(given.country).toBe('CH');
      const none = await createLead(app, b, { email: email() });
      expect(none.country).toBeNull();
      const cleared = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { country: null } });
      expect(cleared.body.country).toBeNull();
      const again = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { firstName: 'Zoé' } });
      expect(again.body.country).toBeNull();
    });

    it('reads for every member, changes for admins only, refuses unknown codes, and is audited', async () => {
      const marketer = await addMember(app, a, 'marketer', 'fam');
      const admin = await addMember(app, a, 'admin', 'faa');
      const read = await app.request('GET', '/workspace/settings', { token: marketer.accessToken });
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ defaultCountry: 'FR' });
      expectProblem(await app.request('PATCH', '/workspace/settings', { token: marketer.accessToken, body: { defaultCountry: 'BE' } }), 403);

      const bad = await app.request('PATCH', '/workspace/settings', { token: admin.accessToken, body: { defaultCountry: 'ZZ' } });
      expectProblem(bad, 400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'defaultCountry' });
      expectProblem(await app.request('PATCH', '/workspace/settings', { token: admin.accessToken, body: { defaultCountry: 'FRA' } }), 400);

      const ok = await app.request('PATCH', '/workspace/settings', { token: admin.accessToken, body: { defaultCountry: 'be' } });
      expect(ok.body).toEqual({ defaultCountry: 'BE' });
      expect((await createLead(app, a, { email: email() })).country).toBe('BE');
      const back = await app.request('PATCH', '/workspace/settings', { token: a.accessToken, body: { defaultCountry: 'FR' } });
      expect(back.body).toEqual({ defaultCountry: 'FR' });
      expect(await auditActions(db, a.tenant.id, a.tenant.id)).toEqual(expect.arrayContaining(['workspace.settings_updated']));
      const audit = await db.query(`SELECT metadata FROM governance.audit_logs WHERE tenant_id = $1 AND action = 'workspace.settings_updated' ORDER BY occurred_at, id`, [a.tenant.id]);
      expect(audit.rows.at(-1).metadata).toEqual({ changes: { defaultCountry: { from: 'BE', to: 'FR' } } });
    });

    it('is per workspace: another workspace neither sees nor changes it', async () => {
      const other = await app.request('GET', '/workspace/settings', { token: b.accessToken });
      expect(other.body).toEqual({ defaultCountry: null });
      await app.request('PATCH', '/workspace/settings', { token: b.accessToken, body: { defaultCountry: 'DE' } });
      expect((await app.request('GET', '/workspace/settings', { token: a.accessToken })).body).toEqual({ defaultCountry: 'FR' });
      await app.request('PATCH', '/workspace/settings', { token: b.accessToken, body: { defaultCountry: null } });
    });
  });

  describe('time zone from the country', () => {
    it.each([
      [{ country: 'FR', postalCode: '75008' }, 'Europe/Paris'],
      [{ country: 'FR', postalCode: '97110' }, 'America/Guadeloupe'],
      [{ country: 'FR', postalCode: '97200' }, 'America/Martinique'],
      [{ country: 'FR', postalCode: '97300' }, 'America/Cayenne'],
      [{ country: 'FR', postalCode: '97400' }, 'Indian/Reunion'],
      [{ country: 'FR', postalCode: '97500' }, 'America/Miquelon'],
      [{ country: 'FR', postalCode: '97600' }, 'Indian/Mayotte'],
      [{ country: 'FR' }, 'Europe/Paris'],
      [{ country: 'RE' }, 'Indian/Reunion'],
      [{ country: 'NL' }, 'Europe/Amsterdam'],
      [{ country: 'DE' }, 'Europe/Berlin'],
      [{ country: 'US' }, null],
      [{ country: 'ES' }, null],
    ])('%j → %s', async (fields, zone) => {
      const lead = await createLead(app, b, { email: email(), ...fields });
      expect(lead.timezone).toBe(zone);
    });

    it('never overwrites a time zone the lead has, and fills one when the country arrives later', async () => {
      const kept = await createLead(app, a, { email: email(), postalCode: '97400', timezone: 'Europe/Paris' });
      expect(kept.timezone).toBe('Europe/Paris');
      const later = await createLead(app, b, { email: email() });
      expect(later.timezone).toBeNull();
      const res = await app.request('PATCH', `/leads/${later.id}`, { token: b.accessToken, body: { country: 'FR', postalCode: '97200' } });
      expect(res.body.timezone).toBe('America/Martinique');
      const moved = await app.request('PATCH', `/leads/${later.id}`, { token: b.accessToken, body: { postalCode: '75008' } });
      expect(moved.body.timezone).toBe('America/Martinique');
    });
  });

  describe('city and region from a French postal code', () => {
    it('fills city and region for a code with one commune (42000 Saint-Étienne)', async () => {
      const lead = await createLead(app, a, { email: email(), postalCode: '42000' });
      expect(lead).toMatchObject({ country: 'FR', city: 'Saint-Étienne', region: 'Auvergne-Rhône-Alpes' });
    });

    it('fills La Réunion overseas (97400 Saint-Denis), with country FR or RE', async () => {
      expect(await createLead(app, a, { email: email(), postalCode: '97400' })).toMatchObject({ city: 'Saint-Denis', region: 'La Réunion', timezone: 'Indian/Reunion' });
      expect(await createLead(app, b, { email: email(), country: 'RE', postalCode: '97400' })).toMatchObject({ city: 'Saint-Denis', region: 'La Réunion' });
    });

    it('fills only the region when the code serves several communes (01400)', async () => {
      const lead = await createLead(app, a, { email: email(), postalCode: '01400' });
      expect(lead).toMatchObject({ city: null, region: 'Auvergne-Rhône-Alpes' });
    });

    it('restores a leading zero lost by a spreadsheet (1400 → 01400)', async () => {
      expect(await createLead(app, a, { email: email(), postalCode: '1400' })).toMatchObject({ postalCode: '01400', region: 'Auvergne-Rhône-Alpes' });
    });

    it('leaves an unknown code, a given city, a foreign lead and a cleared field alone', async () => {
      expect(await createLead(app, a, { email: email(), postalCode: '99999' })).toMatchObject({ postalCode: '99999', city: null, region: null });
      expect(await createLead(app, a, { email: email(), postalCode: '42000', city: 'St-Etienne' })).toMatchObject({ city: 'St-Etienne', region: 'Auvergne-Rhône-Alpes' });
      expect(await createLead(app, b, { email: email(), postalCode: '42000' })).toMatchObject({ city: null, region: null });
      expect(await createLead(app, a, { email: email(), country: 'DE', postalCode: '42000' })).toMatchObject({ city: null, region: null });
      const lead = await createLead(app, a, { email: email(), postalCode: '42000' });
      const cleared = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { city: null } });
      expect(cleared.body).toMatchObject({ city: null, postalCode: '42000' });
    });
  });

  describe('another workspace', () => {
    it('can neither read nor change a lead\'s address', async () => {
      const lead = await createLead(app, a, { email: email(), streetAddress: '1 rue Secrète', postalCode: '42000' });
      expectProblem(await app.request('GET', `/leads/${lead.id}`, { token: b.accessToken }), 404);
      expectProblem(await app.request('PATCH', `/leads/${lead.id}`, { token: b.accessToken, body: { streetAddress: '2 rue Volée', city: 'Ailleurs' } }), 404);
      const list = await app.request('GET', '/leads?limit=100', { token: b.accessToken });
      expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(lead.id);
      expect(await leadRow(db, lead.id)).toMatchObject({ street_address: '1 rue Secrète', city: 'Saint-Étienne' });
    });
  });

  describe('segments, filters and export', () => {
    /** A workspace of its own, so counts are exact. */
    let c: Session;
    let stEtienne: string, stEtienneUpper: string, lyon: string, brussels: string, noAddress: string;
    beforeAll(async () => {
      c = await register(app, 'Fields C', 'fc');
      await app.request('PATCH', '/workspace/settings', { token: c.accessToken, body: { defaultCountry: 'FR' } });
      stEtienne = (await createLead(app, c, { email: 'helene@st.test', civility: 'Madame', firstName: 'Hélène', lastName: 'Lefèvre', postalCode: '42000', sourceCreatedAt: '2018-05-01' })).id;
      stEtienneUpper = (await createLead(app, c, { email: 'marc@st.test', civility: 'M.', postalCode: '42100', city: 'SAINT-ETIENNE' })).id;
      lyon = (await createLead(app, c, { email: 'lea@lyon.test', civility: 'Mlle', postalCode: '69002', streetAddress: '3 place Bellecour', sourceCreatedAt: '2023-01-10' })).id;
      brussels = (await createLead(app, c, { email: 'jan@bxl.test', country: 'BE', postalCode: '1000', city: 'Bruxelles' })).id;
      noAddress = (await createLead(app, c, { email: 'none@x.test', country: null })).id;
    });

    const preview = async (conditions: unknown[]) => {
      const res = await app.request('POST', '/segments/preview', { token: c.accessToken, body: { rules: { op: 'and', conditions } } });
      expect(res.status).toBe(200);
      return (res.body.sample as { id: string }[]).map((l) => l.id).sort();
    };
    const field = (f: string, operator: string, value?: unknown) => ({ type: 'field', field: f, operator, ...(value === undefined ? {} : { value }) });
    const sorted = (...xs: string[]) => xs.sort();

    it('segments on city folded ("saint-etienne" matches "Saint-Étienne"), postal code, region, civility, country and source date', async () => {
      expect(await preview([field('city', 'eq', 'saint-etienne')])).toEqual(sorted(stEtienne, stEtienneUpper));
      expect(await preview([field('postalCode', 'startsWith', '42')])).toEqual(sorted(stEtienne, stEtienneUpper));
      expect(await preview([field('region', 'eq', 'auvergne-rhone-alpes')])).toEqual(sorted(stEtienne, stEtienneUpper, lyon));
      expect(await preview([field('streetAddress', 'contains', 'bellecour')])).toEqual([lyon]);
      expect(await preview([field('civility', 'eq', 'ms')])).toEqual(sorted(stEtienne, lyon));
      expect(await preview([field('civility', 'isNotSet')])).toEqual(sorted(brussels, noAddress));
      expect(await preview([field('country', 'in', ['be', 'CH'])])).toEqual([brussels]);
      expect(await preview([field('country', 'neq', 'FR')])).toEqual(sorted(brussels, noAddress));
      expect(await preview([field('sourceCreatedAt', 'before', '2020-01-01')])).toEqual([stEtienne]);
      expect(await preview([field('sourceCreatedAt', 'isSet')])).toEqual(sorted(stEtienne, lyon));
    });

    it('refuses bad values for the new fields (400 naming the node)', async () => {
      for (const bad of [field('civility', 'eq', 'madame'), field('country', 'eq', 'XX'), field('country', 'contains', 'F'), field('sourceCreatedAt', 'before', 'hier')]) {
        const res = await app.request('POST', '/segments/preview', { token: c.accessToken, body: { rules: { op: 'and', conditions: [bad] } } });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors[0].field).toMatch(/^rules\.conditions\[0\]\./);
      }
    });

    it('filters GET /leads by city (folded), postal code prefix, country and civility', async () => {
      const list = async (query: string) => {
        const res = await app.request('GET', `/leads?limit=100&${query}`, { token: c.accessToken });
        expect(res.status).toBe(200);
        return (res.body.items as { id: string }[]).map((l) => l.id).sort();
      };
      expect(await list('city=saint-%C3%A9tienne')).toEqual(sorted(stEtienne, stEtienneUpper));
      expect(await list('postalCode=69')).toEqual([lyon]);
      expect(await list('postalCode=4200')).toEqual([stEtienne]);
      expect(await list('postalCode=%25')).toEqual([]);
      expect(await list('country=be,fr')).toEqual(sorted(stEtienne, stEtienneUpper, lyon, brussels));
      expect(await list('civility=ms,mr&country=FR')).toEqual(sorted(stEtienne, stEtienneUpper, lyon));
      expectProblem(await app.request('GET', '/leads?country=XX', { token: c.accessToken }), 400);
      expectProblem(await app.request('GET', '/leads?civility=madame', { token: c.accessToken }), 400);
      // Another workspace's filter never reaches these leads.
      const other = await app.request('GET', '/leads?city=saint-etienne&limit=100', { token: b.accessToken });
      expect(other.body.items.map((l: { id: string }) => l.id)).not.toContain(stEtienne);
    });

    it('exports the new columns, civility in words, French and English', async () => {
      const csv = async (locale: string) => {
        const res = await fetch(`${app.url}/leads/export.csv?locale=${locale}&postalCode=42000`, { headers: { authorization: `Bearer ${c.accessToken}` } });
        expect(res.status).toBe(200);
        const [header, row] = (await res.text()).replace(/^\ufeff/, '').split('\r\n').map((line) => line.split(locale === 'fr' ? ';' : ','));
        return Object.fromEntries(header!.map((h, i) => [h, row![i]]));
      };
      expect(await csv('fr')).toMatchObject({
        Civilité: 'Madame', Adresse: '', 'Code postal': '42000', Ville: 'Saint-Étienne', Région: 'Auvergne-Rhône-Alpes', Pays: 'FR', 'Créé dans la source le': '2018-05-01T00:00:00.000Z',
      });
      expect(await csv('en')).toMatchObject({ Civility: 'Ms', 'Postal code': '42000', City: 'Saint-Étienne', Country: 'FR' });
    });
  });
});
