import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CLS_ID, ClsServiceManager } from 'nestjs-cls';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { AppConfig, TrustProxy } from '../config/config.js';
import { toProblem } from '../common/errors/problem-details.filter.js';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem.js';
import { PinoNestLogger } from '../common/logging/logger.js';
import { registerApiDocs } from './api-docs.js';
import { buildOpenApi } from './openapi.js';
import { API_HEADERS, DOCS_HEADERS } from './security-headers.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const frameworkLogger = new Logger('Http');

/**
 * Fastify reads a bare hop count as "trust nothing" (it cannot vouch for the nearest peer), so a
 * configured hop count is given as the equivalent function: the nearest `hops` addresses are proxies.
 */
const fastifyTrustProxy = (trust: TrustProxy) => (typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust);

/** The path to log: a route whose parameters include a token is logged as its pattern, never with the secret. */
function loggablePath(request: FastifyRequest): string {
  const params = request.params as Record<string, unknown> | undefined;
  return params && 'token' in params ? request.routeOptions.url ?? '' : request.url.split('?')[0]!;
}

/** Creates the HTTP application on Fastify, with security headers, CORS, limits, logging and docs. */
export async function createHttpApp(root: object, config: AppConfig, logger: Pino): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    // Request lines are written by the onResponse hook below (with tenant), not by Fastify.
    logger: false,
    // Errors Fastify's router raises before any route runs (bad URL encoding, over-long
    // parameters) answer in the same problem+json format as everything else.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const body = toProblem(error, request, frameworkLogger);
      void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).header('x-request-id', request.id).send(body);
    },
    // Honour a caller's X-Request-Id when it is sane; the request context takes the same id.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(root as never, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.enableCors({ origin: config.CORS_ORIGINS, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });

  const fastify = app.getHttpAdapter().getInstance();
  // The request context (nestjs-cls) opened by a Fastify hook rather than Nest middleware: the
  // middleware path (@fastify/middie) cost as much as the rest of a cheap request.
  const cls = ClsServiceManager.getClsService();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.url.startsWith('/docs') ? DOCS_HEADERS : API_HEADERS).header('x-request-id', request.id);
    cls.run(() => {
      cls.set(CLS_ID, request.id);
      done();
    });
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (!logger.isLevelEnabled('info')) return;
    const actor = (request as { actor?: { tenantId: string } }).actor;
    logger.info(
      { requestId: request.id, tenantId: actor?.tenantId, method: request.method, url: loggablePath(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  registerApiDocs(fastify as never, buildOpenApi(app as INestApplication, config));
  return app;
}
