import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problem } from './problem.js';
import { sqlState } from '../../infra/database/sql-state.js';

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * PostgreSQL's answers to values it cannot read: invalid text representation (a malformed
 * uuid), numeric value out of range, invalid datetime format, datetime field overflow, time
 * zone displacement out of range (how a year like -100000 or +10000 reaches it), invalid byte
 * sequence (a NUL in text). Input should be refused before it gets there; when some slips
 * through, it is still the client's input, not a server failure.
 */
const INPUT_SQLSTATES = new Set(['22P02', '22003', '22007', '22008', '22009', '22021']);

/**
 * Maps any thrown value to a problem+json body. Used by Nest (as the global filter) and by
 * Fastify's own error handler (body parsing, size limits, unknown routes happen before Nest).
 */
export function toProblem(error: unknown, request: { url?: string; id?: string }, logger: Logger): ProblemDetails {
  const base = { instance: request.url?.split('?')[0], requestId: request.id };
  if (error instanceof DomainError) return problem(error.status, error.code, error.message, { ...base, errors: error.errors });
  // Nest wraps Fastify's own 4xx errors (body parsing, size limit, content type) with the original as cause.
  if (error instanceof HttpException && (error.cause as { code?: string } | undefined)?.code?.startsWith('FST_')) error = error.cause;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    return problem(status, HTTP_CODES[status] ?? `HTTP_${status}`, status === 404 ? 'No such resource.' : detail, base);
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const malformed = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
    const detail = malformed
      ? 'The request body is not valid JSON.'
      : status === 413
        ? 'The request body is larger than this endpoint accepts.'
        : (fastifyError.message ?? 'Bad request.');
    const code = malformed ? 'MALFORMED_JSON' : (HTTP_CODES[status] ?? `HTTP_${status}`);
    return problem(status, code, detail, base);
  }
  const state = sqlState(error);
  if (state && INPUT_SQLSTATES.has(state)) {
    // Still a bug: validation at the edge let the value through. Logged as one, answered as a 400.
    logger.error({ err: error, requestId: request.id, sqlState: state }, 'input reached PostgreSQL unvalidated');
    return problem(400, 'INVALID_INPUT', 'A value in the request is not valid (e.g. a malformed id or an out-of-range date or number).', base);
  }
  logger.error({ err: error, requestId: request.id }, 'unhandled error');
  return problem(500, 'INTERNAL_ERROR', `Something went wrong on our side. Quote request id ${request.id} when reporting it.`, base);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toProblem(error, request, this.logger);
    if (error instanceof DomainError && error.headers) void reply.headers(error.headers);
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
