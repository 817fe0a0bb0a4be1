import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

const GRANTS = `SELECT has_table_privilege('lynara_app', 'crm.leads', 'SELECT') AS leads,
                      has_table_privilege('lynara_app', 'governance.audit_logs', 'UPDATE') AS audit_update,
                      has_column_privilege('lynara_app', 'auth.users', 'email', 'SELECT') AS user_email_read,
                      has_column_privilege('lynara_app', 'auth.users', 'password_hash', 'SELECT') AS hash_read,
                      has_column_privilege('lynara_app', 'auth.users', 'password_hash', 'UPDATE') AS hash_update,
                      has_column_privilege('lynara_app', 'auth.users', 'email', 'UPDATE') AS email_update`;
const EXPECTED_GRANTS = { leads: true, audit_update: false, user_email_read: true, hash_read: false, hash_update: false, email_update: false };

/** `node dist/main.js migrate` as self-hosted replicas run it: several at once on an empty server. */
describe('migrate command', () => {
  const db = `${process.env.LYNARA_TEST_DB}_replicas`;
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${db}`,
    APP_DATABASE_URL: `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${db}`,
  };
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  });

  it('creates the database, applies every migration once and grants, with three replicas starting together', async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await Promise.all([1, 2, 3].map(() => run('node', ['dist/main.js', 'migrate'], { env })));
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      const applied = await c.query('SELECT name FROM public.schema_migrations ORDER BY run_on, id');
      const names = applied.rows.map((r) => r.name);
      // Every committed file, each once, in file-name (timestamp) order.
      const files = readdirSync('prisma/migrations').filter((f) => f.endsWith('.sql')).sort().map((f) => f.replace(/\.sql$/, ''));
      expect(files).toContain('20261125134029_init');
      expect(names).toEqual(files);
      expect((await c.query(GRANTS)).rows[0]).toEqual(EXPECTED_GRANTS);
      const grants = await c.query(`SELECT has_table_privilege('lynara_app', 'crm.leads', 'SELECT') AS leads,
                                           has_table_privilege('lynara_app', 'governance.audit_logs', 'UPDATE') AS audit_update`);
      expect(grants.rows[0]).toEqual({ leads: true, audit_update: false });
    } finally {
      await c.end();
    }
    // Running again is a no-op, and its grants open nothing more.
    const again = await run('node', ['dist/main.js', 'migrate'], { env: { ...env, LOG_LEVEL: 'info' } });
    expect(again.stdout).toContain('database is up to date');
    const c2 = new pg.Client({ connectionString: env.DATABASE_URL });
    await c2.connect();
    try {
      expect((await c2.query(GRANTS)).rows[0]).toEqual(EXPECTED_GRANTS);
    } finally {
      await c2.end();
    }
  }, 60_000);

  it('stops with a message naming PostgreSQL when it cannot be reached', async () => {
    const res = await run('node', ['dist/main.js', 'migrate'], { env: { ...env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5499/x' } }).catch((e) => e);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:5499/);
    expect(res.stderr).toMatch(/docker compose up -d postgres redis/);
  });

  it('stops with a message naming Redis when it cannot be reached', async () => {
    const res = await run('node', ['dist/main.js', 'api'], { env: { ...env, DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${process.env.LYNARA_TEST_DB}`, APP_DATABASE_URL: `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${process.env.LYNARA_TEST_DB}`, REDIS_URL: 'redis://127.0.0.1:6398' }, timeout: 20_000 }).catch((e) => e);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Redis is not reachable at 127\.0\.0\.1:6398/);
  });

  it('refuses to start with an invalid setting, naming it', async () => {
    const res = await run('node', ['dist/main.js', 'api'], { env: { ...env, PORT: 'eighty' } }).catch((e) => e);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Invalid configuration:\s+PORT/);
  });
});
