/** httpOnly cookies holding the API tokens: browser JavaScript never sees them. */
export const ACCESS_COOKIE = 'lyn_at';
export const REFRESH_COOKIE = 'lyn_rt';
/** The refresh token's own lifetime is enforced by the API; the cookie just has to outlive it. */
export const REFRESH_COOKIE_MAX_AGE = 60 * 60 * 24 * 30;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

interface CookieOptions {
  maxAge: number;
  secure: boolean;
}

export function serializeCookie(name: string, value: string, { maxAge, secure }: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAge))}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (maxAge <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** Set-Cookie values storing a fresh token pair. */
export function tokenCookies(tokens: TokenPair, secure: boolean): string[] {
  const accessMaxAge = tokens.expiresIn && tokens.expiresIn > 0 ? tokens.expiresIn : 15 * 60;
  return [
    serializeCookie(ACCESS_COOKIE, tokens.accessToken, { maxAge: accessMaxAge, secure }),
    serializeCookie(REFRESH_COOKIE, tokens.refreshToken, { maxAge: REFRESH_COOKIE_MAX_AGE, secure }),
  ];
}

/** Set-Cookie values deleting both token cookies. */
export function clearedTokenCookies(secure: boolean): string[] {
  return [
    serializeCookie(ACCESS_COOKIE, '', { maxAge: 0, secure }),
    serializeCookie(REFRESH_COOKIE, '', { maxAge: 0, secure }),
  ];
}

/**
 * Splits an AuthResult into the tokens (kept server-side, in cookies) and the body the
 * browser may see. Returns null when the body carries no token pair.
 */
export function extractTokens(body: unknown): { tokens: TokenPair; publicBody: Record<string, unknown> } | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const { accessToken, refreshToken, ...rest } = body as Record<string, unknown>;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') return null;
  const expiresIn = typeof rest.expiresIn === 'number' ? rest.expiresIn : undefined;
  return { tokens: { accessToken, refreshToken, expiresIn }, publicBody: rest };
}
