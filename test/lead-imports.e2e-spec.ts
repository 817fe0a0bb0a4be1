import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import iconv from 'iconv-lite';
import type pg from 'pg';
import { slotJobId } from '../src/infra/queue/queues.js';
import { ImportFileRetentionService } from '../src/modules/crm/imports/import-file-retention.service.js';
import { CrmCron } from '../src/modules/crm/jobs/crm.cron.js';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { REDIS_URL } from './support/env.js';
import { waitFor } from './support/wait.js';

/** A CSV upload is a raw body: the test client sends it as text. */
async function upload(app: TestApp, token: string, body: Buffer | string, fileName = 'contacts.csv'): Promise<Res> {
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
  const jobId = started.body.jobId;
  for (let i = 0; i < 200; i++) {
    const job = await app.request('GET', `/jobs/${jobId}`, { token });
    if (job.body.state === 'completed' || job.body.state === 'failed') return { job: job.body, imp: (await app.request('GET', `/leads/imports/${id}`, { token })).body };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

const FRENCH_EXCEL = iconv.encode(
  'Prénom;Nom;Adresse e-mail;Téléphone;Société;Consentement email;Budget;Notes internes\r\n' +
    'Cédric;Müller;cedric.muller@exemple.fr;06 12 34 56 78;Société Générale;oui;250000,5;à rappeler\r\n' +
    'Anne;Sans Email;pas-un-email;;;;;\r\n' +
    'Léa;Roux;LEA.ROUX@exemple.fr;;=HYPERLINK("http://evil");non;;\r\n' +
    'Paul;Tel;;+44 20 7946 0958;;;;\r\n',
  'win1252',
);

describe('lead CSV import and export', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    app = await createTestApp({ IMPORT_MAX_BYTES: '20000' }, 'all');
    owner = await ownerClient();
    a = await register(app, 'Import A', 'ia');
    b = await register(app, 'Import B', 'ib');
    expect((await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'budget', label: 'Budget', type: 'number' } })).status).toBe(201);
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  it('reads a French Excel export (Latin-1, semicolons), suggests the mapping, imports, and reports rejected rows', async () => {
    const preview = await upload(app, a.accessToken, FRENCH_EXCEL, 'salon.csv');
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ encoding: 'latin1', delimiter: ';', status: 'uploaded', headers: ['Prénom', 'Nom', 'Adresse e-mail', 'Téléphone', 'Société', 'Consentement email', 'Budget', 'Notes internes'] });
    const fields = Object.fromEntries(preview.body.mapping.map((m: { header: string; field: string | null }) => [m.header, m.field]));
    expect(fields).toMatchObject({ Prénom: 'firstName', Nom: 'lastName', 'Adresse e-mail': 'email', Téléphone: 'phone', Société: 'company', 'Consentement email': 'emailConsent', Budget: 'customField:budget' });
    expect(preview.body.sampleRows[0]).toEqual(['Cédric', 'Müller', 'cedric.muller@exemple.fr', '06 12 34 56 78', 'Société Générale', 'oui', '250000,5', 'à rappeler']);

    const { job, imp } = await runImport(app, a.accessToken, preview.body.id);
    expect(job).toMatchObject({ state: 'completed', result: { processed: 4, created: 3, updated: 0, unchanged: 0, rejected: 1 } });
    expect(imp).toMatchObject({ status: 'completed', totalRows: 4, created: 3, rejected: 1, hasReport: true });

    const found = await app.request('GET', '/leads?q=muller', { token: a.accessToken });
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ email: 'cedric.muller@exemple.fr', firstName: 'Cédric', phone: '+33612345678', company: 'Société Générale', customFields: { budget: 250000.5 } });
    expect(found.body.items[0].consent.email).toMatchObject({ status: 'granted', source: 'import:salon.csv' });
    const phoneOnly = await app.request('GET', '/leads?q=%2B442079460958', { token: a.accessToken });
    expect(phoneOnly.body.items).toHaveLength(1);

    const report = await fetch(`${app.url}/leads/imports/${preview.body.id}/rejected.csv`, { headers: { authorization: `Bearer ${a.accessToken}` } });
    expect(report.status).toBe(200);
    const csv = await report.text();
    expect(csv).toContain('pas-un-email');
    expect(csv).toMatch(/;3;.*invalid_email/);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await owner.query(`SELECT id, updated_at FROM crm.leads WHERE tenant_id = $1 ORDER BY id`, [a.tenant.id]);
    const preview = await upload(app, a.accessToken, FRENCH_EXCEL, 'salon.csv');
    const { job } = await runImport(app, a.accessToken, preview.body.id);
    expect(job.result).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 1 });
    const after = await owner.query(`SELECT id, updated_at FROM crm.leads WHERE tenant_id = $1 ORDER BY id`, [a.tenant.id]);
    expect(after.rows).toEqual(before.rows);
  });

  it('applies manual mapping overrides and fills only what the file gives', async () => {
    const csv = 'mail,first,job\ncedric.muller@exemple.fr,,Directeur commercial\nnew.one@exemple.fr,Nina,Gérante\n';
    const preview = await upload(app, a.accessToken, csv);
    const { job } = await runImport(app, a.accessToken, preview.body.id, [
      { column: 0, field: 'email' },
      { column: 1, field: 'firstName' },
      { column: 2, field: 'jobTitle' },
    ]);
    expect(job.result).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    const cedric = (await owner.query(`SELECT first_name, job_title FROM crm.leads WHERE tenant_id = $1 AND email = 'cedric.muller@exemple.fr'`, [a.tenant.id])).rows[0];
    expect(cedric).toEqual({ first_name: 'Cédric', job_title: 'Directeur commercial' });
  });

  it('refuses bad uploads and bad mappings with problem details, and keeps nothing', async () => {
    expectProblem(await upload(app, a.accessToken, ''), 422, 'IMPORT_EMPTY');
    expectProblem(await upload(app, a.accessToken, 'x'.repeat(30_000)), 413, 'IMPORT_TOO_LARGE');
    const noContact = await upload(app, a.accessToken, 'name,city\nAnne,Lyon\n');
    expectProblem(await app.request('POST', `/leads/imports/${noContact.body.id}/start`, { token: a.accessToken, body: {} }), 400, 'VALIDATION_FAILED');
    const twice = await upload(app, a.accessToken, 'email,first\nx@exemple.fr,X\nx@exemple.fr,Y\n');
    expectProblem(
      await app.request('POST', `/leads/imports/${twice.body.id}/start`, { token: a.accessToken, body: { mapping: [{ column: 1, field: 'email' }] } }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await app.request('POST', `/leads/imports/${twice.body.id}/start`, { token: a.accessToken, body: { mapping: [{ column: 9, field: 'email' }] } }), 400);
    expectProblem(await app.request('POST', `/leads/imports/${twice.body.id}/start`, { token: a.accessToken, body: { mapping: [{ column: 0, field: 'password' }] } }), 400);
    const res = await fetch(`${app.url}/leads/imports`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'image/png' }, body: 'x' });
    expect(res.status).toBe(415);
  });

  it('keeps imports to their tenant', async () => {
    const preview = await upload(app, a.accessToken, 'email\nsecret@exemple.fr\n');
    expectProblem(await app.request('GET', `/leads/imports/${preview.body.id}`, { token: b.accessToken }), 404, 'IMPORT_NOT_FOUND');
    expectProblem(await app.request('POST', `/leads/imports/${preview.body.id}/start`, { token: b.accessToken, body: {} }), 404);
    const list = await app.request('GET', '/leads/imports', { token: b.accessToken });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(preview.body.id);
    const firstImport = (await app.request('GET', '/leads/imports', { token: a.accessToken })).body.items.find((i: { hasReport: boolean }) => i.hasReport);
    const report = await fetch(`${app.url}/leads/imports/${firstImport.id}/rejected.csv`, { headers: { authorization: `Bearer ${b.accessToken}` } });
    expect(report.status).toBe(404);
    expect((await app.request('GET', '/leads?q=secret', { token: b.accessToken })).body.items).toEqual([]);
  });

  it('exports a filter as formula-safe CSV that imports back unchanged', async () => {
    const res = await fetch(`${app.url}/leads/export.csv?locale=fr`, { headers: { authorization: `Bearer ${a.accessToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('E-mail;Prénom;Nom');
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/;=HYPERLINK/);
    const b64 = await fetch(`${app.url}/leads/export.csv`, { headers: { authorization: `Bearer ${b.accessToken}` } });
    expect((await b64.text()).split('\n').filter(Boolean)).toHaveLength(1);

    const back = await upload(app, a.accessToken, text, 'export.csv');
    const { job } = await runImport(app, a.accessToken, back.body.id);
    // Every exported row reads back (consent words included) and changes nothing.
    expect(job.result).toMatchObject({ created: 0, updated: 0, rejected: 0, warned: 0 });
  });

  describe('file retention', () => {
    const DAY = 86_400_000;
    let c: Session;
    let d: Session;
    let theirs: string;
    const file = (tenantId: string, id: string, name: 'upload.csv' | 'rejected.csv') => resolve(app.config.DATA_DIR, tenantId, id, name);
    const get = async (s: Session, id: string) => (await app.request('GET', `/leads/imports/${id}`, { token: s.accessToken })).body;

    beforeAll(async () => {
      c = await register(app, 'Retention C', 'rc');
      d = await register(app, 'Retention D', 'rd');
      theirs = (await upload(app, d.accessToken, 'email\nd.lead@exemple.fr\n', 'theirs.csv')).body.id;
      expect((await runImport(app, d.accessToken, theirs)).imp.status).toBe('completed');
    });

    it('deletes uploads of finished imports after the file retention, expires uploads never started, keeps reports longer', async () => {
      const withReport = (await upload(app, c.accessToken, FRENCH_EXCEL, 'with-report.csv')).body.id;
      expect((await runImport(app, c.accessToken, withReport)).imp).toMatchObject({ status: 'completed', hasReport: true, fileDeletedAt: null, reportDeletedAt: null });
      const clean = (await upload(app, c.accessToken, 'email\nclean@exemple.fr\n', 'clean.csv')).body.id;
      expect((await runImport(app, c.accessToken, clean)).imp).toMatchObject({ status: 'completed', hasReport: false });
      const unstarted = (await upload(app, c.accessToken, 'email\nlater@exemple.fr\n', 'later.csv')).body.id;
      const failed = (await upload(app, c.accessToken, 'email\nfailed@exemple.fr\n', 'failed.csv')).body.id;
      await owner.query(`UPDATE crm.lead_imports SET status = 'failed', finished_at = now(), error = 'boom' WHERE id = $1`, [failed]);
      const running = (await upload(app, c.accessToken, 'email\nrunning@exemple.fr\n', 'running.csv')).body.id;
      await owner.query(`UPDATE crm.lead_imports SET status = 'running', started_at = now() WHERE id = $1`, [running]);
      const uploads = [withReport, clean, unstarted, failed, running];
      const kept = () => uploads.filter((id) => existsSync(file(c.tenant.id, id, 'upload.csv')));
      expect(kept()).toEqual(uploads);

      const retention = app.nest.get(ImportFileRetentionService);
      const none = { expired: 0, uploadsDeleted: 0, reportsDeleted: 0 };
      expect(await retention.apply(c.tenant.id, new Date(Date.now() + 6 * DAY))).toEqual(none);
      expect(kept()).toEqual(uploads);

      // A week on: the files of finished imports go, the upload never started expires, the running import keeps its file.
      const week = new Date(Date.now() + 8 * DAY);
      expect(await retention.apply(c.tenant.id, week)).toEqual({ expired: 1, uploadsDeleted: 4, reportsDeleted: 0 });
      expect(kept()).toEqual([running]);
      expect(existsSync(file(c.tenant.id, withReport, 'rejected.csv'))).toBe(true);
      expect(await retention.apply(c.tenant.id, week)).toEqual(none);

      expect(await get(c, unstarted)).toMatchObject({ status: 'expired', fileDeletedAt: week.toISOString() });
      expectProblem(await app.request('POST', `/leads/imports/${unstarted}/start`, { token: c.accessToken, body: {} }), 410, 'IMPORT_EXPIRED');
      expect(await get(c, failed)).toMatchObject({ status: 'failed', fileDeletedAt: week.toISOString() });
      expect(await get(c, running)).toMatchObject({ status: 'running', fileDeletedAt: null });
      expect(await get(c, withReport)).toMatchObject({ status: 'completed', hasReport: true, fileDeletedAt: week.toISOString(), reportDeletedAt: null });
      const report = await fetch(`${app.url}/leads/imports/${withReport}/rejected.csv`, { headers: { authorization: `Bearer ${c.accessToken}` } });
      expect(report.status).toBe(200);
      expect(await report.text()).toContain('pas-un-email');

      // A month on: the report goes too, and the import says so.
      const month = new Date(Date.now() + 31 * DAY);
      expect(await retention.apply(c.tenant.id, month)).toEqual({ expired: 0, uploadsDeleted: 0, reportsDeleted: 1 });
      expect(existsSync(resolve(app.config.DATA_DIR, c.tenant.id, withReport))).toBe(false);
      expect(await get(c, withReport)).toMatchObject({ hasReport: false, fileDeletedAt: week.toISOString(), reportDeletedAt: month.toISOString() });
      const gone = await app.request('GET', `/leads/imports/${withReport}/rejected.csv`, { token: c.accessToken });
      expectProblem(gone, 410, 'IMPORT_REPORT_EXPIRED');
      expect(kept()).toEqual([running]);

      // Only this tenant's files were touched.
      expect(existsSync(file(d.tenant.id, theirs, 'upload.csv'))).toBe(true);
      expect(await get(d, theirs)).toMatchObject({ fileDeletedAt: null });
    });

    it('runs as one job per tenant and day, enqueued by a cron with a slot id however often it ticks', async () => {
      // Finished ten days ago: due at a tick of yesterday. Nothing of other tenants (or suites) made today is.
      await owner.query(`UPDATE crm.lead_imports SET finished_at = now() - interval '10 days' WHERE id = $1`, [theirs]);
      const day = Math.floor(Date.now() / DAY) - 1;
      const cron = app.nest.get(CrmCron);
      const ids = await cron.importFileRetention(new Date(day * DAY + 5 * 3_600_000));
      expect(await cron.importFileRetention(new Date(day * DAY + 23 * 3_600_000))).toEqual(ids);
      const jobId = slotJobId('import-file-retention', DAY, new Date(day * DAY), d.tenant.id);
      expect(ids).toEqual(expect.arrayContaining([jobId, slotJobId('import-file-retention', DAY, new Date(day * DAY), c.tenant.id)]));

      const queue = new Queue('crm', { connection: { url: REDIS_URL }, prefix: app.config.QUEUE_PREFIX });
      try {
        // Read the job once it is completed: an object fetched before holds no return value.
        await waitFor(async () => (await queue.getJobState(jobId)) === 'completed');
        const job = (await queue.getJob(jobId))!;
        expect(job.data).toEqual({ tenantId: d.tenant.id, at: new Date(day * DAY + 5 * 3_600_000).toISOString() });
        expect(job.returnvalue).toEqual({ expired: 0, uploadsDeleted: 1, reportsDeleted: 0 });
      } finally {
        await queue.close();
      }
      expect(existsSync(file(d.tenant.id, theirs, 'upload.csv'))).toBe(false);
      expect(await get(d, theirs)).toMatchObject({ status: 'completed', fileDeletedAt: new Date(day * DAY + 5 * 3_600_000).toISOString() });
    });
  });
});
