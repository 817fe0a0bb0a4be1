// `npm run bench -- <name>`: runs one benchmark; each measures its floor and ours in the same run
// and prints the ratio. Timings are reported, never asserted.
const BENCHES = {
  http: ['./http.mjs', 'authenticated GET /auth/me req/s: Lynara vs bare Fastify (same JWT check, same indexed query)'],
  rls: ['./rls.mjs', 'tenant-scoped indexed read latency: our path (RLS) vs raw pg as owner without RLS'],
  leads: ['./leads.mjs', 'GET /leads (first page, name search) at 1M leads: Lynara vs bare Fastify + pg'],
  import: ['./import.mjs', 'lead CSV import of 1M rows: ours (upload to queryable) vs psql \\copy with and without our indexes'],
  segment: ['./segment.mjs', 'segment count over 1M leads and 10M events: our compiled query vs the hand-written SQL'],
};
const name = process.argv[2];
if (!BENCHES[name]) {
  process.stderr.write(`Usage: npm run bench -- <name>\n${Object.entries(BENCHES).map(([k, [, d]]) => `  ${k.padEnd(6)} ${d}`).join('\n')}\n`);
  process.exit(2);
}
await import(BENCHES[name][0]);
