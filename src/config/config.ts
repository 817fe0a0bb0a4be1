import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseAllowlist } from '../infra/http/address-policy.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const pgUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL');

const workerLock = z.coerce.number().int().min(2000).max(600_000).default(60_000);

/** proxy-addr's named ranges, which Fastify's trustProxy understands. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyAddress = (entry: string): boolean => {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= (version === 4 ? 32 : 128));
};

/**
 * Which peers may tell the client's address in X-Forwarded-For: none (false), the nearest N hops,
 * or proxies by address. `true` means one hop: trusting every hop would let any client pick the
 * address that the per-IP sign-in limit and the audit log see.
 */
const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim().toLowerCase();
  if (['false', 'no', '0'].includes(value)) return false;
  if (['true', 'yes'].includes(value)) return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (!entries.length || bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `false, a hop count, or comma-separated proxy addresses/CIDRs (or loopback, linklocal, uniquelocal); not a proxy address: ${bad.join(', ') || raw}`,
    });
    return z.NEVER;
  }
  return entries;
});
export type TrustProxy = false | number | string[];

/** Every setting Lynara reads, with its development default. `.env.example` documents each one. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3001),
  HOST: z.string().default('0.0.0.0'),
  WEB_PORT: port.default(3000),
  WEB_URL: z.url().default('http://localhost:3000'),
  /** The API's public address, for links in emails (one-click unsubscribe); default: WEB_URL + /api (the web app forwards /api/* to the API). */
  PUBLIC_API_URL: z.url().optional(),
  DATABASE_URL: pgUrl.default('postgresql://postgres@127.0.0.1:5432/lynara'),
  APP_DATABASE_URL: pgUrl.default('postgresql://lynara_app:lynara_app@127.0.0.1:5432/lynara'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  WORKER_LOCK_MS: workerLock,
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, - and _').default('lynara'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .transform((raw) => raw.split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'each must be 32 bytes, base64-encoded')))
    .default([]),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: trustProxy.default(['loopback']),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Lynara Campaign <no-reply@lynara.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines when standard output is a terminal outside production, JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  LOGIN_ACCOUNT_DELAY_AFTER: z.coerce.number().int().min(1).default(10),
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  DATA_DIR: z.string().min(1).default('.lynara/data'),
  ENRICHMENT_URL: z.url().optional(),
  ENRICHMENT_API_KEY: z.string().optional(),
  /** Which enrichment sources run, in order; default: `rules`, plus `http` when ENRICHMENT_URL is set. */
  ENRICHMENT_PROVIDERS: z
    .string()
    .transform((raw) => raw.split(',').map((n) => n.trim()).filter(Boolean))
    .optional(),
  ENRICHMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  ENRICHMENT_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(500 * 1024 * 1024),
  IMPORT_FILE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  IMPORT_REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  DEMO_SEED: bool.default(false),
  MEDIA_DIR: z.string().min(1).default('.lynara/media').transform((p) => resolve(process.cwd(), p)),
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  // A 24 MP camera photo (6000 x 4000) and the 26 MP ones pass; decoding 30 M pixels takes ~120 MB.
  MEDIA_MAX_PIXELS: z.coerce.number().int().min(1).default(30_000_000),
  MEDIA_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  IMAGE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  IMAGE_QUEUE_SIZE: z.coerce.number().int().min(0).max(1000).default(8),
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(7 * 24 * 3600).default(3600),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  OUTBOUND_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  OUTBOUND_MAX_PER_HOST: z.coerce.number().int().min(1).max(1000).default(16),
  OUTBOUND_PRIVATE_ALLOWLIST: z
    .string()
    .transform((raw, ctx) => {
      try {
        return parseAllowlist(raw);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
});

type Env = z.infer<typeof schema>;
export type AppConfig = Omit<Env, 'JWT_SECRET' | 'ENCRYPTION_KEY' | 'CORS_ORIGINS' | 'OUTBOUND_PRIVATE_ALLOWLIST' | 'ENRICHMENT_PROVIDERS'> & {
  ENRICHMENT_PROVIDERS: string[];
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
  CORS_ORIGINS: string[];
  OUTBOUND_PRIVATE_ALLOWLIST: string[];
  version: string;
};

export class ConfigError extends Error {}

const DEV_SECRETS_FILE = resolve(process.cwd(), '.lynara', 'dev-secrets.json');

/**
 * Development and test get secrets generated once and kept in .lynara/ (git-ignored), so tokens
 * survive restarts without anyone having to invent a secret; production must be given them.
 */
function devSecrets(): { JWT_SECRET: string; ENCRYPTION_KEY: string } {
  if (existsSync(DEV_SECRETS_FILE)) return JSON.parse(readFileSync(DEV_SECRETS_FILE, 'utf8'));
  const secrets = { JWT_SECRET: randomBytes(48).toString('base64url'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  mkdirSync(dirname(DEV_SECRETS_FILE), { recursive: true });
  writeFileSync(DEV_SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * WORKER_LOCK_MS where a decorator needs it: BullMQ worker options are fixed when the processor
 * class is defined, before the config is loaded (which still validates the value at start-up).
 */
export function workerLockMs(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = workerLock.safeParse(env.WORKER_LOCK_MS || undefined);
  return parsed.success ? parsed.data : 60_000;
}

/** Settings that no longer exist: refused by name rather than silently ignored. */
const RETIRED: Record<string, string> = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT:
    'no longer used: an account is locked per client address (LOGIN_MAX_FAILURES_PER_ACCOUNT_IP) and only delayed across addresses (LOGIN_ACCOUNT_DELAY_AFTER, LOGIN_ACCOUNT_MAX_DELAY_SECONDS)',
};

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  const retired = Object.entries(RETIRED)
    .filter(([name]) => name in present)
    .map(([name, why]) => `  ${name}: ${why}`);
  if (!parsed.success || retired.length) {
    const lines = [...(parsed.error?.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`) ?? []), ...retired];
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  let { JWT_SECRET, ENCRYPTION_KEY } = cfg;
  if (!JWT_SECRET || !ENCRYPTION_KEY) {
    if (cfg.NODE_ENV === 'production') {
      const missing = [!JWT_SECRET && 'JWT_SECRET', !ENCRYPTION_KEY && 'ENCRYPTION_KEY'].filter(Boolean);
      throw new ConfigError(`Invalid configuration:\n${missing.map((m) => `  ${m}: required in production`).join('\n')}`);
    }
    const dev = devSecrets();
    JWT_SECRET ??= dev.JWT_SECRET;
    ENCRYPTION_KEY ??= dev.ENCRYPTION_KEY;
  }
  const origins = cfg.CORS_ORIGINS ? cfg.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : [cfg.WEB_URL];
  // Development talks to local stand-ins (Ollama, a test SMTP relay…); production reaches only
  // public addresses unless the operator lists private ones.
  const OUTBOUND_PRIVATE_ALLOWLIST = cfg.OUTBOUND_PRIVATE_ALLOWLIST ?? (cfg.NODE_ENV === 'production' ? [] : ['*']);
  const ENRICHMENT_PROVIDERS = cfg.ENRICHMENT_PROVIDERS ?? (cfg.ENRICHMENT_URL ? ['rules', 'http'] : ['rules']);
  if (ENRICHMENT_PROVIDERS.includes('http') && !cfg.ENRICHMENT_URL) throw new ConfigError('Invalid configuration:\n  ENRICHMENT_PROVIDERS: "http" needs ENRICHMENT_URL');
  return { ...cfg, JWT_SECRET, ENCRYPTION_KEY, CORS_ORIGINS: origins, OUTBOUND_PRIVATE_ALLOWLIST, ENRICHMENT_PROVIDERS, version: appVersion() };
}

function appVersion(): string {
  try {
    return JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
