// The floor for the lead-list benchmark: bare Fastify, the same SQL as LeadsRepository.list
// through pg as the owner (no RLS, no auth beyond reading the tenant id from the query).
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.OWNER_URL, max: 10 });
const app = Fastify({ logger: false });
// The same columns and search conditions as LeadsRepository.list (the SQL below is the same as its).
const { leadColumns, leadSearchConditions } = await import('../dist/modules/crm/leads.repository.js');
const COLUMNS = leadColumns();

app.get('/leads', async (req) => {
  const { tenantId, q, limit = '50' } = req.query;
  const values = [tenantId];
  const p = (v) => `$${values.push(v)}`;
  const where = ['tenant_id = $1', 'deleted_at IS NULL', ...(q ? leadSearchConditions(q, p) : [])];
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM crm.leads WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${p(Number(limit) + 1)}`, values);
  return { items: rows.slice(0, Number(limit)), nextCursor: rows.length > Number(limit) ? 'x' : null };
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
