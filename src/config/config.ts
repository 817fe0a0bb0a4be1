import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const pgUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL');

const workerLock = z.coerce.number().int().min(2000).max(600_000).default(60_000);

/** Every setting Lynara reads, with its development default. `.env.example` documents each one. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3001),
  HOST: z.string().default('0.0.0.0'),
  WEB_PORT: port.default(3000),
  WEB_URL: z.url().default('http://localhost:3000'),
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
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: bool.default(false),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Lynara Campaign <no-reply@lynara.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  DATA_DIR: z.string().min(1).default('.lynara/data'),
  ENRICHMENT_URL: z.url().optional(),
  ENRICHMENT_API_KEY: z.string().optional(),
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
});

type Env = z.infer<typeof schema>;
export type AppConfig = Omit<Env, 'JWT_SECRET' | 'ENCRYPTION_KEY' | 'CORS_ORIGINS'> & {
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
  CORS_ORIGINS: string[];
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

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
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
  return { ...cfg, JWT_SECRET, ENCRYPTION_KEY, CORS_ORIGINS: origins, version: appVersion() };
}

function appVersion(): string {
  try {
    return JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
