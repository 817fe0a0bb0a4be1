const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin the browser sees for this request (honouring a reverse proxy's forwarded headers). */
export function expectedOrigin(url: string, headers: Headers): string {
  const u = new URL(url);
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host') || u.host;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || u.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}

/**
 * Non-safe requests must come from our own pages: `Sec-Fetch-Site: same-origin`, or an
 * `Origin` equal to ours. Anything else (other sites, or no evidence at all) is refused.
 */
export function isCsrfSafe(method: string, url: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return false;
  return origin.toLowerCase() === expectedOrigin(url, headers).toLowerCase();
}

export function isSecureRequest(url: string, headers: Headers): boolean {
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim();
  if (proto) return proto === 'https';
  return new URL(url).protocol === 'https:';
}
