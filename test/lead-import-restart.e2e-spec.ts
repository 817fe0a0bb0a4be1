import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { createTestApp, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { waitFor } from './support/wait.js';

/**
 * A lead import whose worker process is killed (SIGKILL: no shutdown hook runs) part-way
 * through: another worker process finds the stalled job when its lock expires and resumes it
 * after the last committed batch. The result must be that of one uninterrupted run: every
 * row once, the later of two rows for one email winning, exact counts, a complete report.
 */
const ROWS = 30_000;
const INVALID_EVERY = 1000; // rows 1000, 2000, … have an invalid email → rejected
const PHONE_ONLY_EVERY = 500; // other rows 500, 1500, … have a phone and no email

function fileContents(): string {
  const lines = ['email,first_name,company,phone'];
  for (let i = 1; i <= ROWS; i++) {
    if (i % INVALID_EVERY === 0) lines.push(`not-an-email-${i},Invalid,Nowhere,`);
    else if (i % PHONE_ONLY_EVERY === 0) lines.push(`,Phone${i},Only,+3375${String(i).padStart(7, '0')}`);
    else lines.push(`lead${i}@restart.test,Lead${i},Société ${i},+3361${String(i).padStart(7, '0')}`);
  }
  // Right after the first batch (5,000 rows): the same email again, and a phone-only row whose
  // phone an earlier lead already has. Both are in the batch written next to the first one.
  lines.splice(5101, 0, 'lead4900@restart.test,Lead4900,Plus récent,', ',Sans email,Doublon,+33610004901');
  // At the very end: a later row for the first lead wins over the first one.
  lines.push('lead1@restart.test,Lead1,Société finale,');
  return `${lines.join('\n')}\n`;
}

const REJECTED = ROWS / INVALID_EVERY;
const PHONE_ONLY = ROWS / PHONE_ONLY_EVERY - REJECTED;
const CREATED = ROWS - REJECTED;

describe('lead import with a killed worker', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let dataDir: string;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['dist/main.js', 'worker'], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        DATABASE_URL: app.config.DATABASE_URL,
        APP_DATABASE_URL: app.config.APP_DATABASE_URL,
        REDIS_URL: app.config.REDIS_URL,
        QUEUE_PREFIX: app.config.QUEUE_PREFIX,
        JWT_SECRET: app.config.JWT_SECRET,
        ENCRYPTION_KEY: app.config.ENCRYPTION_KEY,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        // A dead worker's job comes back after ~1.5x this instead of a minute and a half.
        WORKER_LOCK_MS: '3000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lynara-restart-'));
    // The API alone: jobs run only in the worker processes this test starts and kills.
    app = await createTestApp({ DATA_DIR: dataDir, IMPORT_MAX_BYTES: String(10 * 1024 * 1024) }, 'api');
    owner = await ownerClient();
    a = await register(app, 'Restart A', 'ra');
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await owner.end();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after the last committed batch: each row once, exact counts, full report', async () => {
    const uploaded = await fetch(`${app.url}/leads/imports?fileName=restart.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'text/csv' },
      body: fileContents(),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const first = startWorker();
    const started = await app.request('POST', `/leads/imports/${uploaded.id}/start`, { token: a.accessToken, body: {} });
    expect(started.status).toBe(200);

    const progress = () => owner.query(`SELECT status, resume_line, created_count FROM crm.lead_imports WHERE id = $1`, [uploaded.id]).then((r) => r.rows[0]);
    await waitFor(async () => (await progress()).resume_line > 0, 30_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = await progress();
    expect(atKill.status).toBe('running');
    expect(atKill.resume_line).toBeLessThan(ROWS);

    startWorker();
    const done = await waitFor(
      async () => {
        const job = await app.request('GET', `/jobs/${started.body.jobId}`, { token: a.accessToken });
        return job.body.state === 'completed' || job.body.state === 'failed' ? job.body : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ state: 'completed', result: { processed: ROWS + 3, created: CREATED, updated: 2, unchanged: 1, rejected: REJECTED } });
    const imp = (await app.request('GET', `/leads/imports/${uploaded.id}`, { token: a.accessToken })).body;
    expect(imp).toMatchObject({ status: 'completed', totalRows: ROWS + 3, created: CREATED, updated: 2, unchanged: 1, rejected: REJECTED });

    const stored = await owner.query(
      `SELECT count(*)::int AS leads, count(email)::int AS with_email, count(DISTINCT phone)::int AS phones, count(phone)::int AS with_phone
         FROM crm.leads WHERE tenant_id = $1`,
      [a.tenant.id],
    );
    expect(stored.rows[0]).toEqual({ leads: CREATED, with_email: CREATED - PHONE_ONLY, phones: CREATED, with_phone: CREATED });
    const companies = await owner.query(`SELECT email, company FROM crm.leads WHERE tenant_id = $1 AND email IN ('lead1@restart.test', 'lead4900@restart.test') ORDER BY email`, [a.tenant.id]);
    expect(companies.rows).toEqual([
      { email: 'lead1@restart.test', company: 'Société finale' },
      { email: 'lead4900@restart.test', company: 'Plus récent' },
    ]);

    const report = await fetch(`${app.url}/leads/imports/${uploaded.id}/rejected.csv`, { headers: { authorization: `Bearer ${a.accessToken}` } });
    expect(report.status).toBe(200);
    const rejectedLines = (await report.text()).split('\n').filter((l) => l.includes('not-an-email-'));
    expect(rejectedLines).toHaveLength(REJECTED);
    expect(new Set(rejectedLines).size).toBe(REJECTED);
  }, 120_000);
});
