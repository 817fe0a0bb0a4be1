// `npm run bench -- <name>`: runs one benchmark; each measures its floor and ours in the same run
// and prints the ratio. Timings are reported, never asserted.
const BENCHES = {
  http: ['./http.mjs', 'authenticated GET /auth/me req/s: Lynara vs bare Fastify (same JWT check, same indexed query)'],
  rls: ['./rls.mjs', 'tenant-scoped indexed read latency: our Prisma path (RLS) vs raw pg as owner without RLS'],
};
const name = process.argv[2];
if (!BENCHES[name]) {
  process.stderr.write(`Usage: npm run bench -- <name>\n${Object.entries(BENCHES).map(([k, [, d]]) => `  ${k.padEnd(6)} ${d}`).join('\n')}\n`);
  process.exit(2);
}
await import(BENCHES[name][0]);
