import type { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The TCP peer address of the connection the current request came in on, or undefined when the
 * app was not started by server.mjs (e.g. `next dev`).
 *
 * A route handler only sees a Fetch Request, whose `x-forwarded-for` is the browser's own when
 * it sent one (Next fills it from the socket only when absent). server.mjs therefore runs each
 * request inside an AsyncLocalStorage holding `req.socket.remoteAddress`: unlike a header, no
 * client can set it. server.mjs and the bundled route code are separate module graphs, so the
 * storage is shared through this global symbol.
 */
export const PEER_ADDRESS_KEY = Symbol.for('lynara.web.peerAddress');

export function currentPeerAddress(): string | undefined {
  const storage = (globalThis as Record<symbol, AsyncLocalStorage<string | undefined> | undefined>)[PEER_ADDRESS_KEY];
  return storage?.getStore();
}
