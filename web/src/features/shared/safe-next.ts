/**
 * The post-login destination `value` if it is a page of this origin, else `/`. Checking the
 * string by hand misses what browsers do to it (they drop tabs and newlines, read `\` as `/`,
 * resolve dot segments), so the value is resolved by the URL parser against our origin, and
 * only the path, query and fragment of a same-origin result are kept.
 */
export function safeNext(value: string | null | undefined, origin: string): string {
  if (!value) return '/';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  // A path that starts with `//` is protocol-relative again once it is used alone.
  if (url.pathname.startsWith('//')) return '/';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
