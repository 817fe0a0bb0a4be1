import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, errors as undiciErrors, request as undiciRequest } from 'undici';
import { Semaphore } from '../../common/concurrency/semaphore.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { AddressPolicy } from './address-policy.js';

export type OutboundMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OutboundRequest {
  url: string | URL;
  method?: OutboundMethod;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Per attempt, from sending to the last byte (default OUTBOUND_TIMEOUT_MS). */
  timeoutMs?: number;
  /**
   * Attempts after the first, on network errors, timeouts, 429 and 5xx (default
   * OUTBOUND_RETRIES). A retried POST is sent again: give 0 unless the receiver de-duplicates.
   */
  retries?: number;
  /** A larger answer fails with kind `too_large` (default 5 MiB). */
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** How many attempts it took. */
  attempts: number;
  ok: boolean;
  text(): string;
  /** The body as JSON, or undefined when it is not JSON. */
  json<T = unknown>(): T | undefined;
}

export interface OutboundStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
  attempts: number;
}

export type OutboundErrorKind = 'blocked' | 'timeout' | 'network' | 'too_large' | 'aborted';

/** A request that got no usable answer. `message` is safe to show to the tenant who configured the URL. */
export class OutboundHttpError extends Error {
  constructor(
    readonly kind: OutboundErrorKind,
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'OutboundHttpError';
  }
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;
/** A Retry-After longer than this is not waited for: the answer is returned as it is. */
const RETRY_AFTER_CAP_MS = 30_000;

class Blocked extends Error {}

interface Attempt {
  attempt: number;
  signal: AbortSignal;
  /** Frees the per-host slot (called for you unless the attempt keeps streaming). */
  release: () => void;
  /** The answer is handed over as a stream: stop the deadline, keep the slot until `release`. */
  streaming: () => void;
}

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryableStatus = (status: number) => status === 429 || status >= 500;

/**
 * The one way Lynara calls other servers (enrichment, channel providers, AI, webhooks): a
 * timeout per attempt, retries with jittered exponential backoff on network errors, 429
 * (honouring Retry-After) and 5xx, a cap on concurrent requests per host so one slow provider
 * cannot take every socket, a bound on answer size, and no connection to private or special
 * addresses unless the operator allowed them — checked on the resolved address at connect
 * time, so a DNS name pointing inside cannot slip through.
 */
@Injectable()
export class OutboundHttp implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboundHttp.name);
  private readonly policy: AddressPolicy;
  private readonly agent: Agent;
  private readonly hosts = new Map<string, Semaphore>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.policy = new AddressPolicy(config.OUTBOUND_PRIVATE_ALLOWLIST);
    const policy = this.policy;
    const guardedLookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const allowed = addresses.filter((a) => policy.addressAllowed(a.address, hostname));
        if (!allowed.length) return callback(new Blocked(`${hostname} resolves to an address outbound requests may not reach`), '', 0);
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      });
    };
    this.agent = new Agent({ connect: { lookup: guardedLookup, timeout: config.OUTBOUND_TIMEOUT_MS }, keepAliveTimeout: 10_000 });
  }

  /** Sends a request and reads its whole answer (up to maxResponseBytes), retrying as described. */
  async request(req: OutboundRequest): Promise<OutboundResponse> {
    const limit = req.maxResponseBytes ?? DEFAULT_MAX_BYTES;
    return this.withRetries(req, async ({ attempt, signal }) => {
      const res = await this.send(req, signal);
      const body = await readLimited(res.body, limit);
      return {
        status: res.statusCode,
        headers: res.headers as OutboundResponse['headers'],
        body,
        attempts: attempt,
        ok: res.statusCode >= 200 && res.statusCode < 300,
        text: () => body.toString('utf8'),
        json<T>() {
          try {
            return JSON.parse(body.toString('utf8')) as T;
          } catch {
            return undefined;
          }
        },
      };
    });
  }

  /**
   * Sends a request and hands back the answer as a stream once its headers arrive (AI token
   * streams, large downloads). Retries happen only before that. Then the attempt's deadline no
   * longer applies; a body that goes quiet for the timeout fails instead (undici's idle
   * bodyTimeout). The per-host slot is held until the body ends or fails.
   */
  async stream(req: OutboundRequest): Promise<OutboundStream> {
    return this.withRetries(req, async (a) => {
      const res = await this.send(req, a.signal);
      if (retryableStatus(res.statusCode)) {
        // Read (bounded) so the connection can be reused, and let withRetries decide.
        const body = await readLimited(res.body, 64 * 1024).catch(() => Buffer.alloc(0));
        return { status: res.statusCode, headers: res.headers as OutboundStream['headers'], body: Readable.from(body.length ? [body] : []), attempts: a.attempt };
      }
      a.streaming();
      res.body.once('close', a.release);
      return { status: res.statusCode, headers: res.headers as OutboundStream['headers'], body: res.body as Readable, attempts: a.attempt };
    });
  }

  private async withRetries<T extends { status: number; headers: Record<string, string | string[] | undefined> }>(
    req: OutboundRequest,
    attemptOnce: (a: Attempt) => Promise<T>,
  ): Promise<T> {
    const url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundHttpError('blocked', `only http and https URLs can be called (${url.protocol})`, 0);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.policy.addressAllowed(host, host)) throw new OutboundHttpError('blocked', `${host} is an address outbound requests may not reach`, 0);
    const retries = req.retries ?? this.config.OUTBOUND_RETRIES;
    const timeoutMs = req.timeoutMs ?? this.config.OUTBOUND_TIMEOUT_MS;
    const slots = this.slotsFor(url.host);

    for (let attempt = 1; ; attempt++) {
      req.signal?.throwIfAborted();
      const release = await slots.acquire(req.signal);
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      let streaming = false;
      const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
      let result: T | undefined;
      let failure: OutboundHttpError | undefined;
      try {
        result = await attemptOnce({
          attempt,
          signal,
          release,
          streaming: () => {
            streaming = true;
            clearTimeout(timer);
          },
        });
      } catch (err) {
        failure = this.classify(err, attempt, deadline.signal, req.signal, url);
      } finally {
        clearTimeout(timer);
        if (!streaming) release();
      }
      const last = attempt > retries;
      if (result) {
        if (!retryableStatus(result.status) || last) return result;
        const wait = retryAfterMs(result.headers['retry-after']);
        if (wait !== undefined && wait > RETRY_AFTER_CAP_MS) return result;
        this.logger.debug({ host: url.host, attempt, status: result.status }, 'retrying outbound request');
        await sleep(wait ?? backoff(attempt), req.signal);
      } else {
        if (failure!.kind === 'blocked' || failure!.kind === 'aborted' || failure!.kind === 'too_large' || last) throw failure;
        this.logger.debug({ host: url.host, attempt, error: failure!.message }, 'retrying outbound request');
        await sleep(backoff(attempt), req.signal);
      }
    }
  }

  private send(req: OutboundRequest, signal: AbortSignal) {
    return undiciRequest(req.url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body,
      signal,
      dispatcher: this.agent,
      headersTimeout: req.timeoutMs ?? this.config.OUTBOUND_TIMEOUT_MS,
      bodyTimeout: req.timeoutMs ?? this.config.OUTBOUND_TIMEOUT_MS,
    });
  }

  private classify(err: unknown, attempt: number, deadline: AbortSignal, callerSignal: AbortSignal | undefined, url: URL): OutboundHttpError {
    if (err instanceof OutboundHttpError) return new OutboundHttpError(err.kind, err.message, attempt);
    const cause = (err as { cause?: unknown })?.cause;
    if (err instanceof Blocked || cause instanceof Blocked) return new OutboundHttpError('blocked', (cause instanceof Blocked ? cause : (err as Error)).message, attempt);
    if (callerSignal?.aborted) return new OutboundHttpError('aborted', 'the request was cancelled', attempt);
    if (deadline.aborted || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || err instanceof undiciErrors.ConnectTimeoutError) {
      return new OutboundHttpError('timeout', `${url.host} did not answer in time`, attempt);
    }
    const code = (err as { code?: string })?.code ?? (cause as { code?: string })?.code;
    return new OutboundHttpError('network', `${url.host} could not be reached${code ? ` (${code})` : ''}`, attempt);
  }

  private slotsFor(host: string): Semaphore {
    let slots = this.hosts.get(host);
    if (!slots) {
      slots = new Semaphore(this.config.OUTBOUND_MAX_PER_HOST);
      this.hosts.set(host, slots);
    }
    return slots;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

/** Full jitter: a random wait up to an exponentially growing, capped bound. */
function backoff(attempt: number): number {
  return Math.round(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(new OutboundHttpError('aborted', 'the request was cancelled', 0));
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(err?: Error): void }, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new OutboundHttpError('too_large', `the answer is larger than ${limit} bytes`, 0);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
