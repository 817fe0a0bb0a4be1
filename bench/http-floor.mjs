// The floor for the HTTP benchmark: a bare Fastify server doing what GET /auth/me must do at
// minimum — verify the same HS256 JWT and run the same indexed lookup — with nothing else.
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.OWNER_URL, max: 10 });
// The same key handling as Lynara's strategy (a KeyObject, so jsonwebtoken skips its public-key probe).
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET));
const app = Fastify({ logger: false });
const SQL = `SELECT u.id, u.email, u.name, m.role, t.id AS tenant_id, t.name AS tenant_name, t.slug
               FROM auth.users u JOIN auth.memberships m ON m.user_id = u.id JOIN tenancy.tenants t ON t.id = m.tenant_id
              WHERE u.id = $1`;

app.get('/auth/me', async (req, reply) => {
  const header = req.headers.authorization ?? '';
  let claims;
  try {
    claims = jwt.verify(header.slice(7), key, { algorithms: ['HS256'], issuer: 'lynara', audience: 'lynara-api' });
  } catch {
    return reply.code(401).send({ status: 401 });
  }
  const { rows } = await pool.query(SQL, [claims.sub]);
  const current = rows.find((r) => r.tenant_id === claims.tid);
  if (!current) return reply.code(403).send({ status: 403 });
  return {
    user: { id: current.id, email: current.email, name: current.name },
    tenant: { id: current.tenant_id, name: current.tenant_name, slug: current.slug },
    role: current.role,
    tenants: rows.map((r) => ({ id: r.tenant_id, name: r.tenant_name, slug: r.slug, role: r.role })),
  };
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
