// `npm start`: install what is missing, build API and web, create/migrate the database, seed the
// demo workspace, then run API + worker (`all` mode) and the web app until stopped.
import { ROOT, assertNode, assertServices, installIfNeeded, loadDotEnv, log, run, serverNodeArgs, start } from './lib.mjs';

assertNode();
loadDotEnv();
await assertServices();
installIfNeeded(ROOT);
installIfNeeded(`${ROOT}/web`);

log('building the API…');
run('npm', ['run', 'build', '--silent']);
log('building the web app…');
run('npm', ['run', 'build', '--silent'], { cwd: `${ROOT}/web`, env: { NEXT_TELEMETRY_DISABLED: '1' } });

log('migrating the database…');
run('node', ['dist/main.js', 'migrate']);
run('node', ['dist/main.js', 'seed']);

const apiPort = process.env.PORT ?? '3001';
const webPort = process.env.WEB_PORT ?? '3000';
// The server's output reaches the terminal through a pipe (prefixed below), so it cannot see the
// terminal itself: tell it to write readable, coloured lines when a person is watching.
const watched = process.stdout.isTTY && process.env.NODE_ENV !== 'production' && !process.env.LOG_FORMAT;
const children = [
  start('api', 'node', [...serverNodeArgs(), 'dist/main.js', 'all'], { env: watched ? { LOG_FORMAT: 'pretty', FORCE_COLOR: '1' } : {} }),
  start('web', 'node', ['server.mjs'], {
    cwd: `${ROOT}/web`,
    env: { WEB_PORT: webPort, API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}`, NEXT_TELEMETRY_DISABLED: '1' },
  }),
];
log(`web on http://localhost:${webPort} · API on http://localhost:${apiPort} (docs: /docs) · Ctrl+C to stop`);

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const c of children) {
  c.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`a process stopped (${code ?? signal}); stopping the others\n`);
      stop(code || 1);
    }
  });
}
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});
