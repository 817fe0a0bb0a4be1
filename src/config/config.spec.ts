import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

const SECRETS = { JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };

/** The ConfigError loadConfig throws for env (fails the test if it doesn't throw one). */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('is valid with nothing but secrets given, with documented defaults', () => {
    const cfg = loadConfig({ ...SECRETS });
    expect(cfg).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3001,
      HOST: '0.0.0.0',
      WEB_URL: 'http://localhost:3000',
      DATABASE_URL: expect.stringMatching(/^postgresql:\/\//),
      APP_DATABASE_URL: expect.stringMatching(/^postgresql:\/\//),
      REDIS_URL: expect.stringMatching(/^redis:\/\//),
      ACCESS_TOKEN_TTL_SECONDS: 600,
      REFRESH_TOKEN_TTL_DAYS: 30,
      BODY_LIMIT_BYTES: 1_048_576,
      TRUST_PROXY: ['loopback'],
      LOG_LEVEL: 'info',
      DEMO_SEED: false,
      JWT_SECRET: SECRETS.JWT_SECRET,
      ENCRYPTION_KEY: SECRETS.ENCRYPTION_KEY,
      CORS_ORIGINS: ['http://localhost:3000'],
    });
    expect(cfg.SMTP_URL).toBeUndefined();
    expect(cfg.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('coerces numbers and booleans from strings, and treats empty strings as unset', () => {
    const cfg = loadConfig({ ...SECRETS, PORT: '8080', DB_POOL_SIZE: '4', DEMO_SEED: '1', HOST: '', BODY_LIMIT_BYTES: '' });
    expect(cfg).toMatchObject({ PORT: 8080, DB_POOL_SIZE: 4, DEMO_SEED: true, HOST: '0.0.0.0', BODY_LIMIT_BYTES: 1_048_576 });
  });

  it('reads TRUST_PROXY as false, a hop count or proxy addresses; true is one hop, never every hop', () => {
    const trust = (value: string) => loadConfig({ ...SECRETS, TRUST_PROXY: value }).TRUST_PROXY;
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('true')).toBe(1);
    expect(trust('yes')).toBe(1);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8,192.0.2.7 , fd00::/8, ::1')).toEqual(['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1']);
    expect(trust('Loopback,LinkLocal,UniqueLocal')).toEqual(['loopback', 'linklocal', 'uniquelocal']);
  });

  it.each(['10.0.0.0/33', '::1/129', '300.1.1.1', 'proxy.example.test', ',', '10.0.0.1/8/8', '10.0.0.0/0'])(
    'rejects TRUST_PROXY=%s, naming it',
    (value) => {
      expect(configError({ ...SECRETS, TRUST_PROXY: value }).message).toMatch(/^\s+TRUST_PROXY: /m);
    },
  );

  it('has the sign-in throttle\'s defaults, and refuses the retired per-account lock setting by name', () => {
    expect(loadConfig({ ...SECRETS })).toMatchObject({
      LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: 5,
      LOGIN_MAX_FAILURES_PER_IP: 30,
      LOGIN_FAILURE_WINDOW_SECONDS: 900,
      LOGIN_ACCOUNT_DELAY_AFTER: 10,
      LOGIN_ACCOUNT_MAX_DELAY_SECONDS: 60,
    });
    expect(configError({ ...SECRETS, LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' }).message).toMatch(/^\s+LOGIN_MAX_FAILURES_PER_ACCOUNT: .*LOGIN_MAX_FAILURES_PER_ACCOUNT_IP/m);
    expect(configError({ ...SECRETS, LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '0' }).message).toMatch(/^\s+LOGIN_ACCOUNT_MAX_DELAY_SECONDS: /m);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['DATABASE_URL', 'mysql://root@localhost/lynara'],
    ['APP_DATABASE_URL', 'localhost:5432'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['SMTP_URL', 'mailto:someone@example.test'],
    ['TRUST_PROXY', 'maybe'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['JWT_SECRET', 'too-short'],
    ['ENCRYPTION_KEY', 'not base64 of 32 bytes'],
    ['BODY_LIMIT_BYTES', '10'],
    ['IMAGE_CONCURRENCY', '0'],
    ['IMAGE_QUEUE_SIZE', '-1'],
    ['MEDIA_UPLOADS_PER_MINUTE', '0'],
  ])('rejects %s=%s with a ConfigError naming it', (name, value) => {
    const err = configError({ ...SECRETS, [name]: value });
    expect(err.message).toContain('Invalid configuration');
    expect(err.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('names every bad variable at once', () => {
    const err = configError({ ...SECRETS, PORT: 'nope', DATABASE_URL: 'mysql://x/y', REDIS_URL: 'memcached://z' });
    const named = err.message.split('\n').slice(1).map((l) => l.trim().split(':')[0]);
    expect(named.sort()).toEqual(['DATABASE_URL', 'PORT', 'REDIS_URL']);
  });

  it('in production, requires JWT_SECRET and ENCRYPTION_KEY and names each missing one', () => {
    const both = configError({ NODE_ENV: 'production' });
    expect(both.message).toMatch(/^\s+JWT_SECRET: /m);
    expect(both.message).toMatch(/^\s+ENCRYPTION_KEY: /m);
    const one = configError({ NODE_ENV: 'production', JWT_SECRET: SECRETS.JWT_SECRET });
    expect(one.message).toMatch(/^\s+ENCRYPTION_KEY: /m);
    expect(one.message).not.toContain('JWT_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', ...SECRETS }).NODE_ENV).toBe('production');
  });

  it('splits CORS_ORIGINS on commas, trimming and dropping empties; defaults to WEB_URL', () => {
    expect(loadConfig({ ...SECRETS, CORS_ORIGINS: 'https://app.example.test, https://admin.example.test ,,' }).CORS_ORIGINS).toEqual([
      'https://app.example.test',
      'https://admin.example.test',
    ]);
    expect(loadConfig({ ...SECRETS, WEB_URL: 'https://web.example.test' }).CORS_ORIGINS).toEqual(['https://web.example.test']);
    expect(loadConfig({ ...SECRETS, CORS_ORIGINS: 'https://one.example.test' }).CORS_ORIGINS).toEqual(['https://one.example.test']);
  });

  it('outside production, fills in missing secrets with stable generated ones (given ones win)', () => {
    const first = loadConfig({ NODE_ENV: 'development' });
    expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    const second = loadConfig({ NODE_ENV: 'test' });
    expect(second.JWT_SECRET).toBe(first.JWT_SECRET);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
    const given = loadConfig({ NODE_ENV: 'development', JWT_SECRET: SECRETS.JWT_SECRET });
    expect(given.JWT_SECRET).toBe(SECRETS.JWT_SECRET);
    expect(given.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
  });

  it('reads the version from package.json in the working directory, else 0.0.0', () => {
    const cwd = process.cwd();
    const expected = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).version;
    expect(loadConfig({ ...SECRETS }).version).toBe(expected);
    const dir = mkdtempSync(join(tmpdir(), 'lynara-config-'));
    try {
      process.chdir(dir);
      expect(loadConfig({ ...SECRETS }).version).toBe('0.0.0');
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
