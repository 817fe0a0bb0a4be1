/** Only same-site relative paths may be used as a post-login destination. */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/api')) return '/';
  return value;
}
