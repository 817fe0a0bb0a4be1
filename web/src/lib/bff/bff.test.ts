import { describe, expect, it, vi } from 'vitest';
import { ACCESS_COOKIE, REFRESH_COOKIE, extractTokens, parseCookies, serializeCookie, tokenCookies } from './cookies';
import { isCsrfSafe, isSecureRequest } from './csrf';
import { parseTrustProxy } from './client-address';
import { createBffHandler } from './handler';

const WEB = 'http://127.0.0.1:3100';
const API = 'http://api.test';

function authResult(n: number) {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresIn: 900,
    user: { id: 'u1', email: 'a@b.fr', name: 'Ana' },
    tenant: { id: 't1', name: 'Acme', slug: 'acme' },
    role: 'owner',
  };
}

function json(body: unknown, status = 200, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, 'x-request-id': 'req-1' } });
}

function browserRequest(path: string, init: RequestInit & { cookies?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers);
  headers.set('host', '127.0.0.1:3100');
  if (init.method && init.method !== 'GET') headers.set('origin', WEB);
  if (init.cookies)
    headers.set('cookie', Object.entries(init.cookies).map(([k, v]) => `${k}=${v}`).join('; '));
  return new Request(`${WEB}${path}`, { ...init, headers });
}

function setCookies(res: Response): string[] {
  return res.headers.getSetCookie();
}

describe('cookie helpers', () => {
  it('parses a cookie header, first value wins, URI-decoded', () => {
    expect(parseCookies('a=1; b=x%20y; a=2; bad; c=')).toEqual({ a: '1', b: 'x y', c: '' });
    expect(parseCookies(null)).toEqual({});
  });

  it('serialises httpOnly, SameSite=Strict, Path=/ cookies, Secure only over https', () => {
    const c = serializeCookie('lyn_at', 'tok', { maxAge: 900, secure: false });
    expect(c).toBe('lyn_at=tok; Path=/; Max-Age=900; HttpOnly; SameSite=Strict');
    expect(serializeCookie('lyn_at', 'tok', { maxAge: 900, secure: true })).toMatch(/; Secure$/);
    expect(serializeCookie('lyn_at', '', { maxAge: 0, secure: false })).toContain('Max-Age=0');
  });

  it('keeps the access cookie exactly as long as the token lives', () => {
    const [access, refresh] = tokenCookies({ accessToken: 'a', refreshToken: 'r', expiresIn: 600 }, false);
    expect(access).toContain('Max-Age=600');
    expect(refresh.startsWith(`${REFRESH_COOKIE}=r;`)).toBe(true);
  });

  it('strips both tokens from an AuthResult and leaves the rest', () => {
    const split = extractTokens(authResult(1));
    expect(split?.tokens).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 });
    expect(split?.publicBody).not.toHaveProperty('accessToken');
    expect(split?.publicBody).not.toHaveProperty('refreshToken');
    expect(split?.publicBody.user).toEqual({ id: 'u1', email: 'a@b.fr', name: 'Ana' });
    expect(extractTokens({ user: {} })).toBeNull();
    expect(extractTokens([1])).toBeNull();
    expect(extractTokens(null)).toBeNull();
  });
});

describe('CSRF check', () => {
  const h = (init: Record<string, string>) => new Headers({ host: '127.0.0.1:3100', ...init });
  it('lets safe methods through', () => {
    expect(isCsrfSafe('GET', `${WEB}/api/x`, h({}))).toBe(true);
  });
  it('accepts same-origin evidence', () => {
    expect(isCsrfSafe('POST', `${WEB}/api/x`, h({ origin: WEB }))).toBe(true);
    expect(isCsrfSafe('DELETE', `${WEB}/api/x`, h({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
  });
  it('refuses other sites and requests without evidence', () => {
    expect(isCsrfSafe('POST', `${WEB}/api/x`, h({ origin: 'https://evil.example' }))).toBe(false);
    expect(isCsrfSafe('POST', `${WEB}/api/x`, h({ 'sec-fetch-site': 'cross-site', origin: WEB }))).toBe(false);
    expect(isCsrfSafe('POST', `${WEB}/api/x`, h({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(isCsrfSafe('PATCH', `${WEB}/api/x`, h({}))).toBe(false);
    expect(isCsrfSafe('POST', `${WEB}/api/x`, h({ origin: 'null' }))).toBe(false);
  });
  it('honours a reverse proxy', () => {
    const headers = h({ origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' });
    expect(isCsrfSafe('POST', `${WEB}/api/x`, headers)).toBe(true);
    expect(isSecureRequest(`${WEB}/api/x`, headers)).toBe(true);
    expect(isSecureRequest(`${WEB}/api/x`, h({}))).toBe(false);
  });
});

describe('BFF handler', () => {
  it('stores login tokens in httpOnly cookies and returns the body without them', async () => {
    const fetchMock = vi.fn(async () => json(authResult(1)));
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const login = JSON.stringify({ email: 'a@b.fr', password: 'x' });
    const res = await handle(browserRequest('/api/auth/login', { method: 'POST', body: login, headers: { 'content-type': 'application/json', 'content-length': String(login.length) } }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).not.toHaveProperty('accessToken');
    expect(body).not.toHaveProperty('refreshToken');
    expect(body.user.email).toBe('a@b.fr');
    const cookies = setCookies(res);
    expect(cookies.some((c) => c.startsWith(`${ACCESS_COOKIE}=access-1;`) && c.includes('HttpOnly') && c.includes('SameSite=Strict'))).toBe(true);
    expect(cookies.some((c) => c.startsWith(`${REFRESH_COOKIE}=refresh-1;`))).toBe(true);
    const [calledUrl, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(calledUrl).toBe(`${API}/auth/login`);
    expect(new TextDecoder().decode(init.body as ArrayBuffer)).toContain('a@b.fr');
  });

  it('forwards method, query, bearer token and tracing headers, and passes problem+json through', async () => {
    const fetchMock = vi.fn(async () =>
      json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'LEAD_NOT_FOUND' }, 404, 'application/problem+json'),
    );
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const res = await handle(
      browserRequest('/api/leads?limit=50&cursor=abc', {
        cookies: { [ACCESS_COOKIE]: 'tok' },
        headers: { 'x-request-id': 'r-9', 'accept-language': 'fr-FR', 'x-forwarded-for': '203.0.113.9', cookie: 'ignored' },
      }),
    );
    const [calledUrl, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(calledUrl).toBe(`${API}/leads?limit=50&cursor=abc`);
    const headers = new Headers(init.headers);
    expect(headers.get('authorization')).toBe('Bearer tok');
    expect(headers.get('x-request-id')).toBe('r-9');
    expect(headers.get('accept-language')).toBe('fr-FR');
    // No peer address known (not started by server.mjs): the browser's own header is dropped.
    expect(headers.get('x-forwarded-for')).toBeNull();
    expect(headers.get('cookie')).toBeNull();
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).code).toBe('LEAD_NOT_FOUND');
  });

  it('sends the API the peer address of the connection in place of the X-Forwarded-For the browser wrote', async () => {
    const seen: { url: string; forwardedFor: string | null }[] = [];
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      seen.push({ url, forwardedFor: new Headers(init.headers).get('x-forwarded-for') });
      if (url.endsWith('/auth/refresh')) return json(authResult(2));
      return json(authResult(1));
    });
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch, peerAddress: () => '198.51.100.7' });
    const forged = { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' };
    const login = JSON.stringify({ email: 'a@b.fr', password: 'x' });
    await handle(browserRequest('/api/auth/login', { method: 'POST', body: login, headers: { ...forged, 'content-type': 'application/json', 'content-length': String(login.length) } }));
    await handle(browserRequest('/api/auth/me', { headers: forged, cookies: { [REFRESH_COOKIE]: 'refresh-1' } }));
    expect(seen).toEqual([
      { url: `${API}/auth/login`, forwardedFor: '198.51.100.7' },
      { url: `${API}/auth/refresh`, forwardedFor: '198.51.100.7' },
      { url: `${API}/auth/me`, forwardedFor: '198.51.100.7' },
    ]);
  });

  it('takes the client address from the reverse proxies the operator trusts, and only from them', async () => {
    const forwardedFor = async (trust: string, peer: string, header?: string) => {
      const fetchMock = vi.fn(async () => json({ ok: true }));
      const handle = createBffHandler({ apiUrl: API, fetch: fetchMock, peerAddress: () => peer, trustProxy: parseTrustProxy(trust) });
      await handle(browserRequest('/api/auth/me', { headers: header ? { 'x-forwarded-for': header } : {}, cookies: { [ACCESS_COOKIE]: 'a' } }));
      const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
      return new Headers(init.headers).get('x-forwarded-for');
    };
    // One proxy: the address it appended, whatever the browser put before it.
    expect(await forwardedFor('1', '10.0.0.2', '6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
    // Two proxies (a CDN, then a load balancer).
    expect(await forwardedFor('2', '10.0.0.2', '6.6.6.6, 203.0.113.5, 198.51.100.20')).toBe('203.0.113.5');
    // Trusted addresses: read from the right up to the first address that is not a trusted proxy.
    expect(await forwardedFor('10.0.0.0/8, loopback', '::ffff:127.0.0.1', '6.6.6.6, 203.0.113.5, 10.1.2.3')).toBe('203.0.113.5');
    // A connection that does not come from a trusted proxy cannot claim another address.
    expect(await forwardedFor('10.0.0.0/8', '198.51.100.7', '203.0.113.5')).toBe('198.51.100.7');
    // No proxy configured: the peer, whatever the header says.
    expect(await forwardedFor('', '198.51.100.7', '203.0.113.5')).toBe('198.51.100.7');
  });

  it('refuses a cross-site write with 403 problem+json and never calls the API', async () => {
    const fetchMock = vi.fn();
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const req = new Request(`${WEB}/api/api-keys`, {
      method: 'POST',
      headers: { host: '127.0.0.1:3100', origin: 'https://evil.example', cookie: `${ACCESS_COOKIE}=tok` },
      body: '{}',
    });
    const res = await handle(req);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('forwards a one-click unsubscribe POST from a mail provider (no Origin), without the session', async () => {
    const fetchMock = vi.fn(async () => new Response('<p>ok</p>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }));
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch });
    const token = 'A'.repeat(64);
    const req = new Request(`${WEB}/api/u/${token}`, {
      method: 'POST',
      headers: { host: '127.0.0.1:3100', 'content-type': 'application/x-www-form-urlencoded', cookie: `${ACCESS_COOKIE}=tok` },
      body: 'List-Unsubscribe=One-Click',
    });
    const res = await handle(req);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>ok</p>');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`${API}/u/${token}`);
    expect(new Headers(init.headers).get('authorization')).toBeNull();
    // Anything else cross-site is still refused.
    const other = new Request(`${WEB}/api/u/${token}/more`, { method: 'POST', headers: { host: '127.0.0.1:3100' }, body: 'x' });
    expect((await handle(other)).status).toBe(403);
  });

  it('refreshes once on 401, retries, and rotates the cookies', async () => {
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url.endsWith('/auth/refresh')) return json(authResult(2));
      const auth = new Headers(init.headers).get('authorization');
      return auth === 'Bearer access-2' ? json({ items: [] }) : json({ status: 401 }, 401, 'application/problem+json');
    });
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch });
    const res = await handle(browserRequest('/api/members', { cookies: { [ACCESS_COOKIE]: 'access-1', [REFRESH_COOKIE]: 'refresh-1' } }));
    expect(res.status).toBe(200);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    const refreshCall = fetchMock.mock.calls[1];
    expect(JSON.parse(refreshCall[1].body as string)).toEqual({ refreshToken: 'refresh-1' });
    expect(setCookies(res).some((c) => c.startsWith(`${ACCESS_COOKIE}=access-2;`))).toBe(true);
    expect(setCookies(res).some((c) => c.startsWith(`${REFRESH_COOKIE}=refresh-2;`))).toBe(true);
  });

  it('shares one refresh between concurrent requests holding the same refresh token', async () => {
    let refreshCalls = 0;
    const fetchMock = vi.fn(async (url: string) => {
      if (url.endsWith('/auth/refresh')) {
        refreshCalls += 1;
        await new Promise((r) => setTimeout(r, 10));
        return json(authResult(2));
      }
      return json({ ok: true });
    });
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch });
    const results = await Promise.all(
      [1, 2, 3].map(() => handle(browserRequest('/api/auth/me', { cookies: { [REFRESH_COOKIE]: 'refresh-1' } }))),
    );
    expect(refreshCalls).toBe(1);
    for (const r of results) expect(r.status).toBe(200);
  });

  it('sends a replay of a rotated refresh token to the API once the grace period is over', async () => {
    // The API rotates refresh-1 once; presenting it again is reuse (it revokes the family).
    let rotated = false;
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (!url.endsWith('/auth/refresh'))
        return new Headers(init.headers).get('authorization') === 'Bearer access-2' ? json({ ok: true }) : json({ status: 401 }, 401, 'application/problem+json');
      const { refreshToken } = JSON.parse(init.body as string) as { refreshToken: string };
      if (refreshToken !== 'refresh-1' || rotated) return json({ status: 401, code: 'AUTH_REFRESH_REUSED' }, 401, 'application/problem+json');
      rotated = true;
      return json(authResult(2));
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch });
      const victim = await handle(browserRequest('/api/auth/me', { cookies: { [REFRESH_COOKIE]: 'refresh-1' } }));
      expect(victim.status).toBe(200);
      expect(setCookies(victim).some((c) => c.startsWith(`${REFRESH_COOKIE}=refresh-2;`))).toBe(true);

      // A request the browser sent before the new cookies arrived still shares the result.
      vi.setSystemTime(Date.now() + 500);
      const straggler = await handle(browserRequest('/api/auth/me', { cookies: { [REFRESH_COOKIE]: 'refresh-1' } }));
      expect(straggler.status).toBe(200);
      expect(fetchMock.mock.calls.filter(([u]) => u.endsWith('/auth/refresh'))).toHaveLength(1);

      // A stolen copy of refresh-1 replayed seconds later reaches the API, which detects the reuse.
      vi.setSystemTime(Date.now() + 10_000);
      const replay = await handle(browserRequest('/api/auth/me', { cookies: { [REFRESH_COOKIE]: 'refresh-1' } }));
      expect(replay.status).toBe(401);
      expect(setCookies(replay).some((c) => c.startsWith(`${REFRESH_COOKIE}=refresh-2;`))).toBe(false);
      expect(setCookies(replay).every((c) => c.includes('Max-Age=0'))).toBe(true);
      expect(fetchMock.mock.calls.filter(([u]) => u.endsWith('/auth/refresh'))).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps sharing a refresh that is still in flight, however long it takes', async () => {
    let release!: () => void;
    const answered = new Promise<void>((r) => (release = r));
    let refreshCalls = 0;
    const fetchMock = vi.fn(async (url: string) => {
      if (!url.endsWith('/auth/refresh')) return json({ ok: true });
      refreshCalls += 1;
      await answered;
      return json(authResult(2));
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch });
      const first = handle(browserRequest('/api/auth/me', { cookies: { [REFRESH_COOKIE]: 'refresh-1' } }));
      await vi.waitFor(() => expect(refreshCalls).toBe(1));
      vi.setSystemTime(Date.now() + 60_000);
      const second = handle(browserRequest('/api/auth/me', { cookies: { [REFRESH_COOKIE]: 'refresh-1' } }));
      release();
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      expect(refreshCalls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears the cookies and returns the 401 when the refresh is refused', async () => {
    const fetchMock = vi.fn(async () => json({ status: 401 }, 401, 'application/problem+json'));
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const res = await handle(browserRequest('/api/auth/me', { cookies: { [ACCESS_COOKIE]: 'old', [REFRESH_COOKIE]: 'reused' } }));
    expect(res.status).toBe(401);
    expect(setCookies(res).every((c) => c.includes('Max-Age=0'))).toBe(true);
  });

  it('does not refresh when login itself answers 401', async () => {
    const fetchMock = vi.fn(async () => json({ status: 401, code: 'AUTH_INVALID_CREDENTIALS' }, 401, 'application/problem+json'));
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const res = await handle(browserRequest('/api/auth/login', { method: 'POST', body: '{}', cookies: { [REFRESH_COOKIE]: 'r' } }));
    expect(res.status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('logs out with the refresh token and clears the cookies', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const res = await handle(browserRequest('/api/auth/logout', { method: 'POST', cookies: { [ACCESS_COOKIE]: 'a', [REFRESH_COOKIE]: 'r' } }));
    expect(res.status).toBe(204);
    const [calledUrl, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(calledUrl).toBe(`${API}/auth/logout`);
    expect(JSON.parse(init.body as string)).toEqual({ refreshToken: 'r' });
    const cookies = setCookies(res);
    expect(cookies).toHaveLength(2);
    expect(cookies.every((c) => c.includes('Max-Age=0') && c.includes('HttpOnly'))).toBe(true);
  });

  it('answers 502 problem+json when the API is down', async () => {
    const handle = createBffHandler({ apiUrl: API, fetch: vi.fn(async () => { throw new TypeError('fetch failed'); }) });
    const res = await handle(browserRequest('/api/leads', { cookies: { [ACCESS_COOKIE]: 'a' } }));
    expect(res.status).toBe(502);
    expect((await res.json()).code).toBe('API_UNAVAILABLE');
  });

  it('forwards a raw CSV upload byte for byte with its content-type, and streams a CSV download back', async () => {
    const csv = 'email;prénom\r\na@b.fr;Zoé\r\n';
    const bytes = new TextEncoder().encode(csv);
    const fetchMock = vi.fn(async () => new Response('id;x\n1;2\n', { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="leads.csv"' } }));
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock });
    const res = await handle(
      browserRequest('/api/leads/imports?fileName=a.csv', { method: 'POST', body: bytes, headers: { 'content-type': 'text/csv' }, cookies: { [ACCESS_COOKIE]: 'tok' } }),
    );
    const [calledUrl, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(calledUrl).toBe(`${API}/leads/imports?fileName=a.csv`);
    expect(new Headers(init.headers).get('content-type')).toBe('text/csv');
    // No declared length: streamed through, not buffered.
    expect(init.body).toBeInstanceOf(ReadableStream);
    expect(new Uint8Array(await new Response(init.body).arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('leads.csv');
    expect(await res.text()).toBe('id;x\n1;2\n');
  });

  it('keeps a small sized body to resend it after a refresh, but streams a large upload once', async () => {
    const calls: { url: string; body: unknown }[] = [];
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: init.body });
      if (url.endsWith('/auth/refresh')) return json(authResult(2));
      const auth = new Headers(init.headers).get('authorization');
      return auth === 'Bearer access-2' ? json({ ok: true }, 201) : json({ status: 401 }, 401, 'application/problem+json');
    });
    const handle = createBffHandler({ apiUrl: API, fetch: fetchMock as unknown as typeof fetch });
    const cookies = { [ACCESS_COOKIE]: 'access-1', [REFRESH_COOKIE]: 'refresh-1' };
    const small = JSON.stringify({ name: 'x' });
    const res = await handle(browserRequest('/api/segments', { method: 'POST', body: small, headers: { 'content-type': 'application/json', 'content-length': String(small.length) }, cookies }));
    expect(res.status).toBe(201);
    expect(calls.map((c) => c.url)).toEqual([`${API}/segments`, `${API}/auth/refresh`, `${API}/segments`]);
    expect(new TextDecoder().decode(calls[2]!.body as ArrayBuffer)).toBe(small);

    calls.length = 0;
    const big = new Uint8Array(2 * 1024 * 1024).fill(65);
    const upload = await handle(
      browserRequest('/api/leads/imports?fileName=big.csv', { method: 'POST', body: big, headers: { 'content-type': 'text/csv', 'content-length': String(big.byteLength) }, cookies: { ...cookies, [REFRESH_COOKIE]: 'refresh-9' } }),
    );
    expect(upload.status).toBe(401);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toBeInstanceOf(ReadableStream);
  });
});
