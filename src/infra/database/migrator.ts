import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { Logger } from 'pino';

const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');
const APP_SCHEMAS = ['tenancy', 'auth', 'crm', 'entities', 'campaigns', 'channels', 'conversations', 'analytics', 'governance'];
/** Tables the runtime role may append to and read, never rewrite. */
const APPEND_ONLY = ['governance.audit_logs'];
/** Tables the runtime role may only read: their rows are written by triggers (SECURITY DEFINER). */
const READ_ONLY = ['crm.lead_changes'];
/**
 * Tables the runtime role reaches column by column. auth.users: password_hash can be written when
 * a person is created (registration, invitation) but never read or changed directly — sign-in reads
 * it through auth.sign_in_credentials(), a reset changes it through auth.reset_password(); nothing
 * changes an email (the key to a reset) or deletes a person.
 */
const COLUMN_GRANTS: Record<string, string> = {
  'auth.users':
    'SELECT (id, email, name, locale, last_login_at, created_at, updated_at), INSERT (email, name, password_hash, locale, created_at, updated_at), UPDATE (name, locale, last_login_at, updated_at)',
};
/**
 * The only functions of the application schemas the runtime role may execute; every other one
 * there is the owner's (migration helpers, maintenance the runtime must not reach). Applied on
 * every migrate: EXECUTE is revoked from PUBLIC and the runtime role on all of them, then
 * granted on these, so a function a migration adds stays closed until it is named here, and a
 * grant or revoke made by hand does not outlive the next start.
 */
export const RUNTIME_FUNCTIONS = [
  // Called by the row-level security policies, as the querying role.
  'tenancy.current_tenant_id()',
  'tenancy.current_user_id()',
  // Folded text: the lead search column (computed as the runtime role writes a lead), the search
  // terms, segment text conditions.
  'crm.lead_search_text(text, text, text, text, text)',
  'crm.fold(text)',
  'crm.unaccent_immutable(regdictionary, text)',
  // Narrow doors through RLS, asked before the tenant is known.
  'tenancy.slug_taken(text)',
  'governance.tenant_of_api_key(text)',
  'auth.tenant_of_refresh_token(text)',
  'auth.tenant_of_invitation(text)',
  // One account's password hash for sign-in; a new hash for a valid reset token.
  'auth.sign_in_credentials(text)',
  'auth.reset_password(text, text)',
  // The worker's crons and maintenance jobs; each checks its arguments.
  'tenancy.all_tenant_ids()',
  'auth.purge_expired_tokens(interval)',
  'governance.purge_audit_logs(interval)',
  'analytics.ensure_event_partitions(integer, integer)',
  // The jobs reconciler: tracked jobs recorded but never queued, across tenants.
  'governance.waiting_jobs_created_before(timestamp with time zone, integer)',
  // The campaign engine's worker: running campaigns with due enrollments, admissions to resume,
  // campaigns admitting late joiners, webhook calls never tried.
  'campaigns.campaigns_with_due_enrollments(timestamp with time zone, integer)',
  'campaigns.unfinished_admissions(timestamp with time zone, integer)',
  'campaigns.late_joiner_campaigns(integer)',
  'campaigns.untried_webhook_calls(timestamp with time zone, integer)',
];

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * `npm run db:migrate` / `node dist/main.js migrate`: as the owner role, create the database
 * and the runtime role when missing, apply committed SQL migrations under an advisory lock
 * (so replicas starting together migrate once), then grant the runtime role what it needs.
 */
export async function migrate(opts: { ownerUrl: string; appUrl: string; logger: Logger }): Promise<void> {
  const { ownerUrl, appUrl, logger } = opts;
  const database = new URL(ownerUrl).pathname.slice(1);
  const app = new URL(appUrl);
  const appRole = decodeURIComponent(app.username);
  const appPassword = decodeURIComponent(app.password);
  if (new URL(appUrl).pathname.slice(1) !== database) throw new Error('DATABASE_URL and APP_DATABASE_URL must name the same database');

  const admin = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await admin.connect();
  try {
    // Serialise creation across replicas; CREATE DATABASE cannot run inside a transaction.
    await admin.query('SELECT pg_advisory_lock(7381)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${ident(database)}`);
      logger.info({ database }, 'created database');
    }
    const role = await admin.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [appRole]);
    if (role.rowCount === 0) {
      await admin.query(`CREATE ROLE ${ident(appRole)} LOGIN PASSWORD ${literal(appPassword)} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
      logger.info({ role: appRole }, 'created runtime role');
    } else if (role.rows[0].rolsuper || role.rows[0].rolbypassrls) {
      throw new Error(`The runtime role "${appRole}" is superuser or has BYPASSRLS: row-level security would not apply. Use another role.`);
    }
    await admin.query('SELECT pg_advisory_unlock(7381)');
  } finally {
    await admin.end();
  }

  // One migrator at a time per database for the whole sequence: concurrent GRANTs on the same
  // objects fail with "tuple concurrently updated" even after the migrations themselves are serialised.
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('SELECT pg_advisory_lock(7382)');
    const applied = await runner({
      databaseUrl: ownerUrl,
      dir: MIGRATIONS_DIR,
      migrationsTable: 'schema_migrations',
      migrationsSchema: 'public',
      direction: 'up',
      count: Infinity,
      singleTransaction: true,
      checkOrder: true,
      log: (msg: string) => logger.debug(msg),
      logger: { debug: () => {}, info: (m: string) => logger.debug(m), warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) },
    });
    logger.info({ applied: applied.map((m) => m.name) }, applied.length ? 'applied migrations' : 'database is up to date');

    const role = ident(appRole);
    const statements = [`GRANT CONNECT ON DATABASE ${ident(database)} TO ${role}`];
    for (const schema of APP_SCHEMAS) {
      statements.push(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`, `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} FROM PUBLIC, ${role}`);
    }
    statements.push(`GRANT EXECUTE ON FUNCTION ${RUNTIME_FUNCTIONS.join(', ')} TO ${role}`);
    // Parent tables only: partitions are reached through their parent, whose policy applies.
    const tables = await owner.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
      [APP_SCHEMAS],
    );
    for (const { name } of tables.rows) {
      // Also revokes column privileges, so each run starts from nothing.
      statements.push(`REVOKE ALL ON ${name} FROM ${role}`);
      const privileges = COLUMN_GRANTS[name] ?? (READ_ONLY.includes(name) ? 'SELECT' : APPEND_ONLY.includes(name) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE');
      statements.push(`GRANT ${privileges} ON ${name} TO ${role}`);
    }
    await owner.query(`BEGIN; ${statements.join('; ')}; COMMIT;`);
  } finally {
    await owner.end();
  }
}
