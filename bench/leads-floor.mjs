// The floor for the lead-list benchmark: bare Fastify, the same SQL as LeadsRepository.list
// through pg as the owner (no RLS, no auth beyond reading the tenant id from the query).
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.OWNER_URL, max: 10 });
const app = Fastify({ logger: false });
// The same columns and search conditions as LeadsRepository.list (the SQL below is the same as its).
const { leadColumns, leadSearchConditions } = await import('../dist/modules/crm/leads.repository.js');
const COLUMNS = leadColumns();

// Sorts by a name column: the hand-written query a developer who knows the index would write
// (its range read in order, the leads without a value simply left out).
const SORTS = { lastName: 'last_name COLLATE "und-x-icu"', company: 'company COLLATE "und-x-icu"' };

const where = (tenantId, q) => {
  const values = [tenantId];
  const p = (v) => `$${values.push(v)}`;
  return { values, p, where: ['tenant_id = $1', 'deleted_at IS NULL', ...(q ? leadSearchConditions(q, p) : [])] };
};

app.get('/leads', async (req) => {
  const { tenantId, q, limit = '50', sort } = req.query;
  const { values, p, where: conditions } = where(tenantId, q);
  let order = 'created_at DESC, id DESC';
  if (sort) {
    const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
    const col = SORTS[sort.replace(/^-/, '')];
    conditions.push(`${col} IS NOT NULL`);
    order = `${col} ${dir}, id ${dir}`;
  }
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM crm.leads WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ${p(Number(limit) + 1)}`, values);
  return { items: rows.slice(0, Number(limit)), nextCursor: rows.length > Number(limit) ? 'x' : null };
});

// The count as LeadsRepository.count makes it: a LIMIT'ed count, then the planner's estimate.
app.get('/leads/count', async (req) => {
  const { tenantId, q } = req.query;
  const { values, where: conditions } = where(tenantId, q);
  const matching = `SELECT 1 FROM crm.leads WHERE ${conditions.join(' AND ')}`;
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM (${matching} LIMIT 10001) x`, values);
  if (rows[0].n <= 10000) return { count: rows[0].n, exact: true };
  const plan = await pool.query(`EXPLAIN (FORMAT JSON) ${matching}`, values);
  return { count: Math.max(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'], 10001), exact: false };
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
