import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { CommonError } from '../errors/domain-error.js';

/**
 * How a route takes a non-JSON body: `csv` and `multipart` buffered whole (small catalogue
 * imports, media uploads — sharp and checksums need the bytes anyway), `stream` handed over
 * unread (lead imports of hundreds of MB, streamed to storage with their own size cap), `form`
 * a small HTML form or RFC 8058 one-click body (`List-Unsubscribe=One-Click`), buffered.
 */
export type RawBodyKind = 'csv' | 'multipart' | 'stream' | 'form';
const CONFIG_KEY = 'lynaraRawBody';

/** A buffered CSV may be this large; bigger files go through the streamed lead import. */
export const CSV_MAX_BYTES = 10 * 1024 * 1024;
/** Room for the multipart envelope around one file (boundaries, part headers, small fields). */
const MULTIPART_OVERHEAD = 64 * 1024;

/** A form body is a few fields; mail clients' one-click POST is one. */
const FORM_MAX_BYTES = 16 * 1024;

const CONTENT_TYPES = ['text/csv', 'application/csv', 'application/octet-stream', 'multipart/form-data', 'application/x-www-form-urlencoded'];
const ACCEPTS: Record<RawBodyKind, string[]> = {
  csv: ['text/csv', 'application/csv'],
  multipart: ['multipart/form-data'],
  stream: ['text/csv', 'application/csv', 'application/octet-stream'],
  form: ['application/x-www-form-urlencoded', 'multipart/form-data'],
};

/** Marks a route as taking a raw body of this kind, with its own size limit. */
export const RawBody = (kind: RawBodyKind) => RouteConfig({ [CONFIG_KEY]: kind });

const rawBodyKind = (request: FastifyRequest) => (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[CONFIG_KEY] as RawBodyKind | undefined;

const httpError = (statusCode: number, code: string, message: string) => Object.assign(new Error(message), { statusCode, code });

const mediaType = (header: string | undefined) => header?.split(';')[0]!.trim().toLowerCase() || undefined;

/** Whether the request carries a body at all (Fastify's own test: a length, or a chunked transfer). */
const hasBody = (request: FastifyRequest) => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Fastify content-type parsers for raw bodies, registered once on the shared instance. They
 * only accept a body on routes marked with @RawBody (others answer 415 as before).
 *
 * Routes marked with @RawBody check the request before its body is read: a body of another
 * type (JSON, text/plain…) is a 415 and no body at all a 400, at once. Left to the route, a
 * JSON body or none reached the handler as something other than a stream or a buffer, and a
 * streamed upload then waited forever for bytes that would never come.
 */
@Injectable()
export class RawBodyParsers implements OnModuleInit {
  private readonly logger = new Logger(RawBodyParsers.name);

  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser) return;
    // Only routes marked @RawBody('form') take HTML forms, and no endpoint takes plain text; the
    // default parsers turned such bodies into a string or an object that then failed validation
    // as a 400 instead of a 415.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      const kind = rawBodyKind(request);
      if (!kind) return payload;
      const type = mediaType(request.headers['content-type']);
      if (!type && !hasBody(request)) {
        throw new CommonError('BODY_REQUIRED', `This endpoint takes a request body (${ACCEPTS[kind].join(' or ')}).`, [
          { field: 'body', code: 'required', message: `send the file as the request body with Content-Type: ${ACCEPTS[kind][0]}` },
        ]);
      }
      if (!type || !ACCEPTS[kind].includes(type)) {
        throw new CommonError('UNSUPPORTED_MEDIA_TYPE', `This endpoint takes ${ACCEPTS[kind].join(' or ')}, not ${type ?? 'a body without a Content-Type'}.`);
      }
      return payload;
    });
    for (const type of CONTENT_TYPES) {
      if (fastify.hasContentTypeParser(type)) {
        this.logger.warn(`a parser for ${type} is already registered`);
        continue;
      }
      fastify.addContentTypeParser(type, (request, payload, done) => {
        const kind = rawBodyKind(request);
        if (!kind || !ACCEPTS[kind].includes(type)) return done(httpError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', `This endpoint does not accept ${type}.`), undefined);
        if (kind === 'stream') return done(null, payload);
        const limit = kind === 'csv' ? CSV_MAX_BYTES : kind === 'form' ? FORM_MAX_BYTES : this.config.MEDIA_MAX_BYTES + MULTIPART_OVERHEAD;
        readLimited(request, payload, limit).then(
          (body) => done(null, body),
          (err: Error) => done(err, undefined),
        );
      });
    }
  }
}

/**
 * Reads the whole body up to `limit` bytes. A body somewhat over the limit is read to its end
 * (and dropped) so the client gets a clean 413 rather than a reset; a much larger one is cut off.
 */
function readLimited(request: FastifyRequest, payload: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => httpError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large');
  const declared = Number(request.headers['content-length']);
  return new Promise((resolve, reject) => {
    if (declared > limit * 4) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * 4) {
        payload.destroy();
        reject(tooLarge());
      } else if (size <= limit) chunks.push(chunk);
    });
    payload.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks, size))));
    payload.on('error', reject);
  });
}
