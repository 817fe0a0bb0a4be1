import pg from 'pg';

export default async function globalTeardown() {
  const db = process.env.LYNARA_TEST_DB;
  if (!db || process.env.KEEP_TEST_DB) return;
  const client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await client.end();
}
