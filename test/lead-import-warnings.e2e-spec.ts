import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import type pg from 'pg';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';

/** Imports lose nothing: per-cell warnings, overseas mobiles, in-file duplicates, resumable and deletable uploads. */
async function upload(app: TestApp, token: string, body: Buffer | string, fileName = 'agence.csv'): Promise<Res> {
  const res = await fetch(`${app.url}/leads/imports?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: Object.fromEntries(res.headers.entries()) };
}

async function runImport(app: TestApp, token: string, id: string, mapping?: unknown[]) {
  const started = await app.request('POST', `/leads/imports/${id}/start`, { token, body: mapping ? { mapping } : {} });
  expect(started.status).toBe(200);
  for (let i = 0; i < 300; i++) {
    const job = await app.request('GET', `/jobs/${started.body.jobId}`, { token });
    if (job.body.state === 'completed' || job.body.state === 'failed') return { job: job.body, imp: (await app.request('GET', `/leads/imports/${id}`, { token })).body };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

const download = async (app: TestApp, token: string, path: string) => {
  const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
};

/** The old tool's export: Windows-1252, `;`, French headers, overseas mobiles, duplicates in both orders. */
const AGENCY = iconv.encode(
  [
    'Prénom;Nom;E-mail;Téléphone;Budget;Consentement email;Autre téléphone',
    'Hélène;Lefèvre;helene.lefevre@exemple.fr;06 12 34 56 78;250000;oui;',
    'Rémi;Payet;remi.payet@exemple.re;06 92 12 34 56;;;',
    'Anli;Madi;anli@exemple.yt;06 39 01 23 45;;;',
    'Josée;Bélair;josee@exemple.gp;06 90 00 12 34;;;',
    'Maëlle;Césaire;maelle@exemple.mq;06 96 20 12 34;;;',
    'Léon;Damas;leon@exemple.gf;06 94 20 12 34;;;',
    // Bad email, good phone: kept by phone, the email reported.
    'Sans;Courriel;pas-un-email;07 57 12 34 56;;;',
    // Good email, bad budget and consent: kept, both values reported.
    'Budget;Flou;flou@exemple.fr;;douze;peut-être;',
    // Neither a valid email nor a valid phone: rejected (its other phone stays readable in the report).
    'Perdu;Total;;12;;;+33 6 11 22 33 44',
    // The same lead twice, the fuller row first ...
    'Claire;Dupont;claire@exemple.fr;;;oui;',
    ';;claire@exemple.fr;06 11 22 33 44;;;',
    // ... and the emptier row first.
    ';;marc@exemple.fr;06 55 44 33 22;;;',
    'Marc;Martin;marc@exemple.fr;;180000;non;',
  ].join('\r\n') + '\r\n',
  'win1252',
);

describe('lead import: nothing lost', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    app = await createTestApp({ IMPORT_MAX_BYTES: '40000' }, 'all');
    owner = await ownerClient();
    a = await register(app, 'Agence A', 'wa');
    b = await register(app, 'Agence B', 'wb');
    expect((await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'budget', label: 'Budget', type: 'number' } })).status).toBe(201);
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  const leadByEmail = async (tenantId: string, email: string) =>
    (await owner.query(`SELECT first_name, last_name, phone, email_consent, custom_fields FROM crm.leads WHERE tenant_id = $1 AND email = $2`, [tenantId, email])).rows;

  let agencyImport: string;

  it('imports every identifiable row, reports each value left out, and its counts add up to the rows read', async () => {
    const preview = await upload(app, a.accessToken, AGENCY);
    expect(preview.status).toBe(201);
    agencyImport = preview.body.id;
    const { job, imp } = await runImport(app, a.accessToken, agencyImport);
    expect(job.state).toBe('completed');
    expect(imp).toMatchObject({ status: 'completed', totalRows: 13, created: 10, updated: 0, unchanged: 0, merged: 2, rejected: 1, warned: 2, warningCells: 3, hasReport: true, hasWarningsReport: true });
    expect(imp.created + imp.updated + imp.unchanged + imp.merged + imp.rejected).toBe(imp.totalRows);
    expect(job.result).toMatchObject({ processed: 13, created: 10, merged: 2, rejected: 1, warned: 2, percent: 100 });

    expect(imp.warningSamples).toEqual([
      { line: 8, column: 2, header: 'E-mail', value: 'pas-un-email', code: 'invalid_email', message: expect.stringContaining('pas-un-email') },
      { line: 9, column: 4, header: 'Budget', value: 'douze', code: 'invalid_number', message: expect.any(String) },
      { line: 9, column: 5, header: 'Consentement email', value: 'peut-être', code: 'invalid_consent', message: expect.any(String) },
    ]);
    const kept = await owner.query(`SELECT email, first_name, phone FROM crm.leads WHERE tenant_id = $1 AND phone = '+33757123456'`, [a.tenant.id]);
    expect(kept.rows).toEqual([{ email: null, first_name: 'Sans', phone: '+33757123456' }]);
    expect(await leadByEmail(a.tenant.id, 'flou@exemple.fr')).toEqual([{ first_name: 'Budget', last_name: 'Flou', phone: null, email_consent: 'unknown', custom_fields: {} }]);

    const warnings = await download(app, a.accessToken, `/leads/imports/${agencyImport}/warnings.csv`);
    expect(warnings.status).toBe(200);
    const lines = warnings.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('line;column;value;code;reason');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 4))).toEqual([
      ['8', 'E-mail', 'pas-un-email', 'invalid_email'],
      ['9', 'Budget', 'douze', 'invalid_number'],
      ['9', 'Consentement email', 'peut-être', 'invalid_consent'],
    ]);

    const rejected = await download(app, a.accessToken, `/leads/imports/${agencyImport}/rejected.csv`);
    expect(rejected.text).toContain(';+33 6 11 22 33 44;10;');
    expect(rejected.text).not.toContain("'+33");
  });

  it('gives overseas mobiles written the mainland way their territory code', async () => {
    const phones = await owner.query(`SELECT email, phone FROM crm.leads WHERE tenant_id = $1 AND email LIKE '%@exemple.__' AND email NOT LIKE '%.fr' ORDER BY email`, [a.tenant.id]);
    expect(Object.fromEntries(phones.rows.map((r) => [r.email, r.phone]))).toEqual({
      'anli@exemple.yt': '+262639012345',
      'josee@exemple.gp': '+590690001234',
      'leon@exemple.gf': '+594694201234',
      'maelle@exemple.mq': '+596696201234',
      'remi.payet@exemple.re': '+262692123456',
    });
    // The API uses the same normaliser.
    const created = await app.request('POST', '/leads', { token: a.accessToken, body: { email: 'api.reunion@exemple.re', phone: '0693 12 34 56' } });
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe('+262693123456');
  });

  it('merges duplicates inside the file whatever their order: a blank never overwrites a value', async () => {
    expect(await leadByEmail(a.tenant.id, 'claire@exemple.fr')).toEqual([{ first_name: 'Claire', last_name: 'Dupont', phone: '+33611223344', email_consent: 'granted', custom_fields: {} }]);
    expect(await leadByEmail(a.tenant.id, 'marc@exemple.fr')).toEqual([{ first_name: 'Marc', last_name: 'Martin', phone: '+33655443322', email_consent: 'denied', custom_fields: { budget: 180000 } }]);
  });

  it('counts a re-import of the same file as unchanged, still adding up', async () => {
    const again = await upload(app, a.accessToken, AGENCY);
    const { imp } = await runImport(app, a.accessToken, again.body.id);
    expect(imp).toMatchObject({ totalRows: 13, created: 0, updated: 0, unchanged: 10, merged: 2, rejected: 1, warned: 2 });
    expect(imp.created + imp.updated + imp.unchanged + imp.merged + imp.rejected).toBe(imp.totalRows);
  });

  it('maps the standard address, civility and source-date columns from French headers, with the workspace country for new leads', async () => {
    expect((await app.request('PATCH', '/workspace/settings', { token: a.accessToken, body: { defaultCountry: 'FR' } })).status).toBe(200);
    const file = iconv.encode(
      [
        'Civilité;Prénom;Nom;E-mail;Adresse;CP;Ville;Région;Pays;Date de création',
        'Madame;Hélène;Lefèvre;helene.lefevre@exemple.fr;12 rue de la République;69001;;;;03/12/2019',
        'M.;Rémi;Payet;remi.payet@exemple.re;3 chemin des Goyaviers;97400;;;;2021-06-30',
        'Mme;Inès;Durand;ines@exemple.be;Rue Neuve 1;1000;Bruxelles;;Belgique;15/01/2024 09:30',
        'Docteur;Paul;Bon;paul.bon@exemple.fr;;750;;;Pays imaginaire;31/02/2020',
      ].join('\r\n') + '\r\n',
      'win1252',
    );
    const preview = await upload(app, a.accessToken, file, 'adresses.csv');
    expect(preview.body.mapping.map((m: { field: string | null }) => m.field)).toEqual(['civility', 'firstName', 'lastName', 'email', 'streetAddress', 'postalCode', 'city', 'region', 'country', 'sourceCreatedAt']);
    const { imp } = await runImport(app, a.accessToken, preview.body.id);
    expect(imp).toMatchObject({ totalRows: 4, rejected: 0, warned: 1 });
    expect(imp.warningSamples.map((w: { header: string; code: string }) => `${w.header}:${w.code}`)).toEqual(['Civilité:invalid_civility', 'CP:invalid_postal_code', 'Pays:invalid_country', 'Date de création:invalid_date']);
    const rows = await owner.query(
      `SELECT email, civility, street_address, postal_code, city, region, country, timezone, source_created_at FROM crm.leads
        WHERE tenant_id = $1 AND email = ANY($2) ORDER BY email`,
      [a.tenant.id, ['helene.lefevre@exemple.fr', 'remi.payet@exemple.re', 'ines@exemple.be', 'paul.bon@exemple.fr']],
    );
    const by = Object.fromEntries(rows.rows.map((r) => [r.email, r]));
    // Hélène existed (first import): her new address fills in, her missing country stays the source's (none).
    expect(by['helene.lefevre@exemple.fr']).toMatchObject({ civility: 'ms', street_address: '12 rue de la République', postal_code: '69001', city: 'Lyon', region: 'Auvergne-Rhône-Alpes', source_created_at: new Date('2019-12-03T00:00:00Z') });
    expect(by['remi.payet@exemple.re']).toMatchObject({ civility: 'mr', postal_code: '97400', source_created_at: new Date('2021-06-30T00:00:00Z') });
    expect(by['ines@exemple.be']).toMatchObject({ civility: 'ms', postal_code: '1000', city: 'Bruxelles', country: 'BE', timezone: 'Europe/Brussels', source_created_at: new Date('2024-01-15T09:30:00Z') });
    // A new lead without a country gets the workspace's, and its time zone.
    expect(by['paul.bon@exemple.fr']).toMatchObject({ civility: null, postal_code: null, country: 'FR', timezone: 'Europe/Paris', source_created_at: null });
  });

  it('maps a column to a custom field created after the upload', async () => {
    const preview = await upload(app, a.accessToken, 'email;Surface habitable\nsurface@exemple.fr;82,5\n');
    expect(preview.body.mapping[1].field).toBeNull();
    const field = await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'surface_habitable', label: 'Surface habitable', type: 'number' } });
    expect(field.status).toBe(201);
    const { imp } = await runImport(app, a.accessToken, preview.body.id, [{ column: 1, field: 'customField:surface_habitable' }]);
    expect(imp).toMatchObject({ created: 1, warned: 0 });
    expect((await leadByEmail(a.tenant.id, 'surface@exemple.fr'))[0].custom_fields).toEqual({ surface_habitable: 82.5 });
  });

  it('resumes an upload left unmapped with its examples, and deletes it with its file', async () => {
    const preview = await upload(app, a.accessToken, AGENCY, 'laisse.csv');
    const reopened = await app.request('GET', `/leads/imports/${preview.body.id}`, { token: a.accessToken });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'uploaded', mapping: preview.body.mapping });
    expect(reopened.body.sampleRows).toEqual(preview.body.sampleRows);
    expect(reopened.body.sampleRows[0]).toEqual(['Hélène', 'Lefèvre', 'helene.lefevre@exemple.fr', '06 12 34 56 78', '250000', 'oui', '']);
    const list = await app.request('GET', '/leads/imports', { token: a.accessToken });
    expect(list.body.maxBytes).toBe(40000);
    expect(list.body.items.find((i: { id: string }) => i.id === preview.body.id)).toMatchObject({ status: 'uploaded' });

    const file = resolve(app.config.DATA_DIR, a.tenant.id, preview.body.id, 'upload.csv');
    expect(existsSync(file)).toBe(true);
    const del = await app.request('DELETE', `/leads/imports/${preview.body.id}`, { token: a.accessToken });
    expect(del.status).toBe(204);
    expect(existsSync(file)).toBe(false);
    expectProblem(await app.request('GET', `/leads/imports/${preview.body.id}`, { token: a.accessToken }), 404, 'IMPORT_NOT_FOUND');
    const audit = await owner.query(`SELECT action, metadata FROM governance.audit_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY occurred_at`, [a.tenant.id, preview.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['lead_import.uploaded', 'lead_import.deleted']);
    expect(audit.rows[1].metadata).toMatchObject({ fileName: 'laisse.csv', status: 'uploaded' });
  });

  it('deletes a finished import and its reports, keeps its leads, and refuses a running one', async () => {
    const dir = resolve(app.config.DATA_DIR, a.tenant.id, agencyImport);
    expect(existsSync(resolve(dir, 'warnings.csv'))).toBe(true);
    expect((await app.request('DELETE', `/leads/imports/${agencyImport}`, { token: a.accessToken })).status).toBe(204);
    expect(existsSync(resolve(dir, 'warnings.csv'))).toBe(false);
    expect(existsSync(resolve(dir, 'rejected.csv'))).toBe(false);
    expect(await leadByEmail(a.tenant.id, 'helene.lefevre@exemple.fr')).toHaveLength(1);

    const running = (await upload(app, a.accessToken, 'email\nrunning@exemple.fr\n')).body.id;
    await owner.query(`UPDATE crm.lead_imports SET status = 'running' WHERE id = $1`, [running]);
    expectProblem(await app.request('DELETE', `/leads/imports/${running}`, { token: a.accessToken }), 409, 'IMPORT_RUNNING');
    expect((await app.request('GET', `/leads/imports/${running}`, { token: a.accessToken })).status).toBe(200);
  });

  it("keeps another tenant out of this tenant's imports", async () => {
    const preview = await upload(app, a.accessToken, AGENCY, 'privé.csv');
    const id = preview.body.id;
    expectProblem(await app.request('GET', `/leads/imports/${id}`, { token: b.accessToken }), 404, 'IMPORT_NOT_FOUND');
    expectProblem(await app.request('POST', `/leads/imports/${id}/start`, { token: b.accessToken, body: {} }), 404, 'IMPORT_NOT_FOUND');
    expectProblem(await app.request('DELETE', `/leads/imports/${id}`, { token: b.accessToken }), 404, 'IMPORT_NOT_FOUND');
    expect((await app.request('GET', '/leads/imports', { token: b.accessToken })).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    await runImport(app, a.accessToken, id);
    expect((await download(app, b.accessToken, `/leads/imports/${id}/warnings.csv`)).status).toBe(404);
    expect((await download(app, b.accessToken, `/leads/imports/${id}/rejected.csv`)).status).toBe(404);
    expect((await app.request('GET', `/leads/imports/${id}`, { token: a.accessToken })).body.status).toBe('completed');
  });

  it('answers bad input with problem details', async () => {
    expectProblem(await app.request('DELETE', '/leads/imports/not-a-uuid', { token: a.accessToken }), 400);
    expectProblem(await app.request('DELETE', '/leads/imports/01890000-0000-7000-8000-000000000000', { token: a.accessToken }), 404, 'IMPORT_NOT_FOUND');
    expect((await download(app, a.accessToken, '/leads/imports/01890000-0000-7000-8000-000000000000/warnings.csv')).status).toBe(404);
    const clean = await upload(app, a.accessToken, 'email\nclean.one@exemple.fr\n');
    const { imp } = await runImport(app, a.accessToken, clean.body.id);
    expect(imp).toMatchObject({ warned: 0, hasWarningsReport: false, warningSamples: [] });
    expect((await download(app, a.accessToken, `/leads/imports/${clean.body.id}/warnings.csv`)).status).toBe(404);
  });
});
