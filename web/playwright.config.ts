import { defineConfig } from '@playwright/test';

// Overridable so two checkouts can run their browser suites side by side.
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3100);
const API_PORT = Number(process.env.E2E_API_PORT ?? 3101);
const E2E_DB = process.env.E2E_DB ?? 'lynara_e2e';
const E2E_REDIS_DB = process.env.E2E_REDIS_DB ?? '5';
const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;
// The built API (the root test script builds it first); overridable to test against another build.
const API_DIST = process.env.LYNARA_API_DIST ?? '../dist';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: WEB_URL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: `node ${API_DIST}/main.js migrate && node ${API_DIST}/main.js all`,
      url: `http://127.0.0.1:${API_PORT}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(API_PORT),
        WEB_URL,
        DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${E2E_DB}`,
        APP_DATABASE_URL: `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${E2E_DB}`,
        REDIS_URL: `redis://127.0.0.1:6379/${E2E_REDIS_DB}`,
        NODE_ENV: 'test',
        // As deployed: the API takes the client's address from the web app's X-Forwarded-For.
        TRUST_PROXY: 'true',
      },
    },
    {
      command: 'node server.mjs',
      url: `${WEB_URL}/login`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { WEB_PORT: String(WEB_PORT), WEB_HOST: '127.0.0.1', API_URL: `http://127.0.0.1:${API_PORT}`, NEXT_TELEMETRY_DISABLED: '1' },
    },
  ],
});
