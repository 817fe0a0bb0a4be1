import pg from 'pg';

const db = () => process.env.LYNARA_TEST_DB!;

/** A connection as the owner (migrations) role: sees everything, for arranging and checking. */
export async function ownerClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:5432/${db()}` });
  await c.connect();
  return c;
}

/** A connection as the runtime role, as the app uses it. */
export async function appClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${db()}` });
  await c.connect();
  return c;
}

/** Inserts a few leads for a tenant as the owner role (CRM endpoints for creating them come later). */
export async function insertLeads(owner: pg.Client, tenantId: string, n: number, tag: string): Promise<string[]> {
  const res = await owner.query<{ id: string }>(
    `INSERT INTO crm.leads (tenant_id, email, first_name, last_name, company)
     SELECT $1, $2 || '.' || g || '@example.test', 'First' || g, $2, 'Co ' || $2 FROM generate_series(1, $3) g RETURNING id`,
    [tenantId, tag, n],
  );
  return res.rows.map((r) => r.id);
}
