// The floor for the lead-list benchmark: bare Fastify, the same SQL as LeadsRepository.list
// through pg as the owner (no RLS, no auth beyond reading the tenant id from the query).
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.OWNER_URL, max: 10 });
const app = Fastify({ logger: false });
// The same columns as LeadsRepository.list (the SQL below is the same as its).
const { leadColumns } = await import('../dist/modules/crm/leads.repository.js');
const COLUMNS = leadColumns();

app.get('/leads', async (req) => {
  const { tenantId, q, limit = '50' } = req.query;
  const values = [tenantId];
  let where = 'tenant_id = $1 AND deleted_at IS NULL';
  if (q) {
    values.push(`%${q.toLowerCase()}%`);
    where += ` AND crm.lead_search_text(first_name, last_name, email, company, phone) LIKE $2`;
  }
  values.push(Number(limit) + 1);
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM crm.leads WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`, values);
  return { items: rows.slice(0, Number(limit)), nextCursor: rows.length > Number(limit) ? 'x' : null };
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
