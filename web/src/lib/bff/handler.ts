import {
  ACCESS_COOKIE,
  REFRESH_COOKIE,
  clearedTokenCookies,
  extractTokens,
  parseCookies,
  tokenCookies,
  type TokenPair,
} from './cookies';
import { clientAddress, type ProxyTrust } from './client-address';
import { isCsrfSafe, isSecureRequest } from './csrf';

/** Endpoints whose successful JSON answer is an AuthResult: the tokens go to cookies. */
export const TOKEN_ENDPOINTS = new Set([
  'auth/login',
  'auth/register',
  'auth/switch-tenant',
  'auth/invitations/accept',
]);

/** Endpoints where a 401 means "wrong credentials", never "refresh and retry". */
const NO_REFRESH = new Set([...TOKEN_ENDPOINTS, 'auth/refresh', 'auth/logout']);

const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'x-request-id', 'user-agent', 'if-none-match'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'x-request-id', 'retry-after', 'content-disposition', 'cache-control', 'etag', 'location'];

/** Request bodies up to this size are kept to be replayed after a token refresh; larger ones are streamed. */
export const REPLAYABLE_BODY_BYTES = 1024 * 1024;

export interface BffOptions {
  apiUrl: string;
  fetch?: typeof fetch;
  /** The TCP peer address of the connection `request` came in on, when known. */
  peerAddress?: (request: Request) => string | undefined;
  /** Proxies in front of the web app trusted to report the client's address (`WEB_TRUST_PROXY`). */
  trustProxy?: ProxyTrust;
  /**
   * How long a finished refresh is still handed to requests presenting the refresh token it
   * rotated: only requests the browser sent before the new cookies arrived. Later presentations
   * of that token go to the API, whose reuse detection must see a stolen token replayed.
   */
  refreshGraceMs?: number;
}

export function problem(status: number, code: string, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/**
 * The same-origin gateway between the browser and the API: forwards `/api/<path>` to
 * `<apiUrl>/<path>` with the access token from the httpOnly cookie, keeps tokens out of
 * response bodies, refreshes once on 401, and refuses cross-site writes.
 */
export function createBffHandler(options: BffOptions) {
  const doFetch = options.fetch ?? fetch;
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const graceMs = options.refreshGraceMs ?? 3_000;
  const trustProxy = options.trustProxy ?? { hops: 0 };
  // Parallel requests holding the same (rotating) refresh token must share one refresh call:
  // a second call with the old token would be treated as reuse by the API. A refresh is shared
  // while it is in flight and for `graceMs` after it settled, never longer.
  const refreshes = new Map<string, { promise: Promise<TokenPair | null>; settledAt?: number }>();

  async function callRefresh(refreshToken: string, baseHeaders: Headers): Promise<TokenPair | null> {
    try {
      const headers = new Headers(baseHeaders);
      headers.set('content-type', 'application/json');
      headers.delete('authorization');
      const res = await doFetch(`${apiUrl}/auth/refresh`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ refreshToken }),
        cache: 'no-store',
      });
      if (!res.ok) return null;
      return extractTokens(await res.json())?.tokens ?? null;
    } catch {
      return null;
    }
  }

  function refresh(refreshToken: string, baseHeaders: Headers): Promise<TokenPair | null> {
    const now = Date.now();
    for (const [key, entry] of refreshes) if (entry.settledAt !== undefined && now - entry.settledAt > graceMs) refreshes.delete(key);
    const existing = refreshes.get(refreshToken);
    if (existing) return existing.promise;
    const entry: { promise: Promise<TokenPair | null>; settledAt?: number } = { promise: callRefresh(refreshToken, baseHeaders) };
    // callRefresh never rejects.
    void entry.promise.then(() => (entry.settledAt = Date.now()));
    refreshes.set(refreshToken, entry);
    return entry.promise;
  }

  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const path = url.pathname.replace(/^\/api\/?/, '').replace(/\/+$/, '');
    const secure = isSecureRequest(request.url, request.headers);

    // Links mailed to recipients (one-click unsubscribe, /api/u/<token>): the signed token is their
    // only authority, and RFC 8058 POSTs come from mail providers' servers without an Origin. They
    // are exempt from the cross-site check and never carry the session.
    const tokenLink = /^u\/[A-Za-z0-9_-]{1,200}$/.test(path);
    if (!tokenLink && !isCsrfSafe(method, request.url, request.headers)) {
      return problem(403, 'CSRF_ORIGIN_MISMATCH', 'Forbidden', 'Cross-site request refused.');
    }

    const cookies = tokenLink ? {} : parseCookies(request.headers.get('cookie'));
    let accessToken = cookies[ACCESS_COOKIE];
    const refreshToken = cookies[REFRESH_COOKIE];

    const baseHeaders = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value) baseHeaders.set(name, value);
    }
    // The API throttles sign-ins per client address and records it with sessions and audit
    // entries: it gets the address this server can vouch for (the API trusts this one hop), never
    // what the browser wrote in its own X-Forwarded-For. Unknown peer: no header, the API sees us.
    const peer = options.peerAddress?.(request);
    if (peer) baseHeaders.set('x-forwarded-for', clientAddress(peer, request.headers.get('x-forwarded-for'), trustProxy));

    // Small bodies (JSON) are read so they can be sent again after a refresh; larger or unsized
    // ones (CSV imports up to 500 MB, media) are streamed through, holding no copy in memory.
    const hasBody = method !== 'GET' && method !== 'HEAD' && request.body !== null;
    const declaredLength = Number(request.headers.get('content-length') ?? Number.NaN);
    const replayable = !hasBody || (Number.isFinite(declaredLength) && declaredLength <= REPLAYABLE_BODY_BYTES);
    const body = !hasBody ? undefined : replayable ? await request.arrayBuffer() : request.body!;
    const setCookies: string[] = [];

    if (path === 'auth/logout' && method === 'POST') {
      if (refreshToken) {
        const headers = new Headers(baseHeaders);
        headers.set('content-type', 'application/json');
        if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
        await doFetch(`${apiUrl}/auth/logout`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ refreshToken }),
          cache: 'no-store',
        }).catch(() => undefined);
      }
      const res = new Response(null, { status: 204 });
      for (const c of clearedTokenCookies(secure)) res.headers.append('set-cookie', c);
      return res;
    }

    const canRefresh = Boolean(refreshToken) && !NO_REFRESH.has(path);

    // The access cookie expires with the token: refresh before calling rather than after a 401.
    if (!accessToken && canRefresh) {
      const tokens = await refresh(refreshToken!, baseHeaders);
      if (tokens) {
        accessToken = tokens.accessToken;
        setCookies.push(...tokenCookies(tokens, secure));
      } else {
        setCookies.push(...clearedTokenCookies(secure));
      }
    }

    const send = (token: string | undefined) => {
      const headers = new Headers(baseHeaders);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const streamed = body instanceof ReadableStream;
      return doFetch(`${apiUrl}/${path}${url.search}`, {
        method,
        headers,
        body: streamed || (body && body.byteLength > 0) ? body : undefined,
        cache: 'no-store',
        redirect: 'manual',
        ...(streamed && { duplex: 'half' }),
      } as RequestInit);
    };

    let upstream: Response;
    try {
      upstream = await send(accessToken);
      // A streamed body is gone once sent: its 401 is answered as is (the access cookie lives
      // exactly as long as its token, so this only happens when access was revoked meanwhile).
      if (upstream.status === 401 && canRefresh && replayable && setCookies.length === 0) {
        const tokens = await refresh(refreshToken!, baseHeaders);
        if (tokens) {
          setCookies.push(...tokenCookies(tokens, secure));
          upstream = await send(tokens.accessToken);
        } else {
          setCookies.push(...clearedTokenCookies(secure));
        }
      }
    } catch {
      return problem(502, 'API_UNAVAILABLE', 'Bad Gateway', 'The API could not be reached.');
    }

    const headers = new Headers();
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers.set(name, value);
    }
    headers.set('cache-control', 'no-store');

    // Bodies pass through untouched in both directions (CSV uploads, CSV exports, images): requests
    // are forwarded as the raw bytes with their content-type, answers are streamed, except the
    // token endpoints whose JSON has to be rewritten.
    const noBody = upstream.status === 204 || upstream.status === 304 || method === 'HEAD';
    let responseBody: BodyInit | null = noBody ? null : TOKEN_ENDPOINTS.has(path) ? await upstream.arrayBuffer() : upstream.body;

    if (TOKEN_ENDPOINTS.has(path) && upstream.ok && responseBody) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(responseBody as ArrayBuffer));
      } catch {
        parsed = undefined;
      }
      const split = extractTokens(parsed);
      if (split) {
        setCookies.push(...tokenCookies(split.tokens, secure));
        responseBody = JSON.stringify(split.publicBody);
        headers.set('content-type', 'application/json');
      }
    }

    const res = new Response(responseBody, { status: upstream.status, statusText: upstream.statusText, headers });
    for (const c of setCookies) res.headers.append('set-cookie', c);
    return res;
  };
}
