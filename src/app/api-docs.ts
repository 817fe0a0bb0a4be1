import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
} as const;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lynara Campaign API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script></body></html>`;

/**
 * GET /openapi.json and the interactive reference at GET /docs, with swagger-ui's assets served
 * from the installed package: works offline, and needs no static-file plugin.
 */
export function registerApiDocs(fastify: FastifyInstance, document: OpenAPIObject): void {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const files = Object.fromEntries(Object.keys(ASSETS).map((name) => [name, readFileSync(join(dist, name))]));
  fastify.get('/openapi.json', async () => document);
  fastify.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  for (const [name, type] of Object.entries(ASSETS)) {
    fastify.get(`/docs/assets/${name}`, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=86400').send(files[name]));
  }
}
