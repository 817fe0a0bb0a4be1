// `npm test`: install what is missing, build, then run every suite — API unit + integration
// (Jest, real PostgreSQL and Redis), the OpenAPI lint, web unit (vitest) and browser e2e
// (Playwright on Debian's Chromium) — and print one summary line for them all.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { ROOT, assertNode, assertServices, fail, installIfNeeded, log, readJson, run } from './lib.mjs';

assertNode();
await assertServices();
installIfNeeded(ROOT);
installIfNeeded(`${ROOT}/web`);
if (!existsSync('/usr/bin/chromium')) fail('Browser tests need Chromium: apt-get install -y chromium (.ci/run does it).');

const reports = `${ROOT}/.lynara/test-reports`;
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const results = [];
const record = (suite, passed, failed, exit) => {
  results.push({ suite, passed, failed, exit });
  log(`${suite}: ${passed} passed, ${failed} failed`);
};

log('building the API and type-checking tests…');
run('npm', ['run', 'build', '--silent']);
run('npx', ['tsc', '-p', 'tsconfig.json']);

log('linting the OpenAPI document…');
const lint = run('npx', ['redocly', 'lint', 'web/src/lib/api/openapi.json', '--format=summary'], { allowFailure: true });
record('openapi lint', lint === 0 ? 1 : 0, lint === 0 ? 0 : 1, lint);

log('API tests (Jest: unit + integration against PostgreSQL and Redis)…');
const jestOut = `${reports}/jest.json`;
const jestExit = run('npx', ['jest', '--json', `--outputFile=${jestOut}`], {
  allowFailure: true,
  env: { NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning' },
});
if (existsSync(jestOut)) {
  const j = readJson(jestOut);
  record('api (jest)', j.numPassedTests, j.numFailedTests + j.numRuntimeErrorTestSuites, jestExit);
} else record('api (jest)', 0, 1, jestExit);

log('web unit tests (vitest)…');
const vitestOut = `${reports}/vitest.json`;
const vitestExit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestOut}`], { cwd: `${ROOT}/web`, allowFailure: true });
if (existsSync(vitestOut)) {
  const v = readJson(vitestOut);
  record('web unit (vitest)', v.numPassedTests, v.numFailedTests, vitestExit);
} else record('web unit (vitest)', 0, 1, vitestExit);

log('building the web app…');
run('npm', ['run', 'build', '--silent'], { cwd: `${ROOT}/web`, env: { NEXT_TELEMETRY_DISABLED: '1' } });

log('browser tests (Playwright on Chromium)…');
// A clean slate for the browser suite's own database (its API migrates it on start) and Redis db.
run('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-q', '-c', `DROP DATABASE IF EXISTS ${process.env.E2E_DB ?? 'lynara_e2e'} WITH (FORCE)`], { allowFailure: true });
run('redis-cli', ['-h', '127.0.0.1', '-n', process.env.E2E_REDIS_DB ?? '5', 'FLUSHDB'], { allowFailure: true });
const pwOut = `${reports}/playwright.json`;
const pwExit = run('npx', ['playwright', 'test', '--reporter=list,json'], {
  cwd: `${ROOT}/web`,
  allowFailure: true,
  env: { PLAYWRIGHT_JSON_OUTPUT_FILE: pwOut, PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut, NEXT_TELEMETRY_DISABLED: '1' },
});
if (existsSync(pwOut)) {
  const s = readJson(pwOut).stats ?? {};
  // A flaky test passed on its retry: it counts as passed, and the list above names it.
  record('browser (playwright)', (s.expected ?? 0) + (s.flaky ?? 0), s.unexpected ?? 0, pwExit);
} else record('browser (playwright)', 0, 1, pwExit);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const broken = results.filter((r) => r.exit !== 0).map((r) => r.suite);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`  ${r.suite.padEnd(22)} ${String(r.passed).padStart(4)} passed  ${String(r.failed).padStart(3)} failed\n`);
if (broken.length && failed === 0) process.stdout.write(`  (exited non-zero: ${broken.join(', ')})\n`);
process.stdout.write(`\nSummary: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || broken.length > 0 ? 1 : 0);
