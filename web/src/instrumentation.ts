/**
 * Runs once when the server starts. Settings read by the BFF are checked here so that a bad
 * value stops the server with its name, like the API does, instead of failing every /api call
 * (Next only logs errors thrown from here and carries on).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parseTrustProxy } = await import('@/lib/bff/client-address');
  try {
    parseTrustProxy(process.env.WEB_TRUST_PROXY);
  } catch (err) {
    console.error(`Invalid configuration: ${(err as Error).message}`);
    process.exit(1);
  }
}
