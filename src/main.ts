import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createHttpApp } from './app/http.js';
import { buildOpenApi } from './app/openapi.js';
import { rootModule } from './app/root.module.js';
import { createRootLogger, logFormat, PinoNestLogger } from './common/logging/logger.js';
import { ConfigError, loadConfig } from './config/config.js';
import { assertDependencies, DependencyError } from './infra/database/preflight.js';
import { migrate } from './infra/database/migrator.js';
import { seedDemo } from './infra/database/seed.js';

const MODES = ['api', 'worker', 'all', 'migrate', 'seed', 'openapi'] as const;
type Mode = (typeof MODES)[number];

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!MODES.includes(mode)) {
    process.stderr.write(`Unknown mode "${mode}". Use one of: ${MODES.join(', ')}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  const format = logFormat(config.LOG_FORMAT, { isTTY: Boolean(process.stdout.isTTY), nodeEnv: config.NODE_ENV });
  const logger = createRootLogger(mode === 'openapi' ? 'silent' : config.LOG_LEVEL, { format });

  if (mode === 'migrate') {
    await assertDependencies(config, { redis: false, ownerOnly: true });
    await migrate({ ownerUrl: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, logger });
    return;
  }
  if (mode === 'openapi') {
    const app = await NestFactory.create(rootModule(config, 'api'), new FastifyAdapter(), { logger: false, preview: true });
    process.stdout.write(`${JSON.stringify(buildOpenApi(app, config), null, 2)}\n`);
    await app.close();
    return;
  }
  await assertDependencies(config, { redis: mode !== 'seed', ownerOnly: false });
  if (mode === 'seed') {
    await seedDemo(config, logger);
    return;
  }
  if (mode === 'worker') {
    const app = await NestFactory.createApplicationContext(rootModule(config, 'worker'), { logger: new PinoNestLogger(logger), abortOnError: false });
    app.enableShutdownHooks();
    logger.info({ mode }, 'Lynara worker started');
    return;
  }
  const app = await createHttpApp(rootModule(config, mode), config, logger);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ mode, port: config.PORT }, `Lynara ${mode} listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DependencyError) {
    process.stderr.write(`\n${err.message}\n\n`);
    process.exit(1);
  }
  process.stderr.write(`Lynara failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
