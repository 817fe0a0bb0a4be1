// The web app's server (`npm start`, the Docker image, the browser tests): Next.js behind a plain
// Node HTTP server, so that each request is handled knowing the TCP peer address of its
// connection. The BFF sends the API that address (or the one a trusted reverse proxy reports,
// WEB_TRUST_PROXY) as the client's; `next start` offers no way to learn it that a browser cannot
// forge. See src/lib/bff/peer-address.ts.
//
// Settings: WEB_PORT (default 3000), WEB_HOST (default: every interface), API_URL, WEB_TRUST_PROXY.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';

// As `next start` does; Next and React read it when they load.
process.env.NODE_ENV ||= 'production';
const { default: next } = await import('next');

const port = Number(process.env.WEB_PORT || 3000);
const hostname = process.env.WEB_HOST || undefined;
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`Invalid configuration: WEB_PORT: "${process.env.WEB_PORT}" is not a port number`);
  process.exit(1);
}

const peers = new AsyncLocalStorage();
globalThis[Symbol.for('lynara.web.peerAddress')] = peers;

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  peers.run(req.socket.remoteAddress, () => handle(req, res)).catch((err) => {
    console.error(`Failed to handle ${req.method} ${req.url}`, err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on('error', (err) => {
  console.error(`The web app could not listen on ${hostname ?? '*'}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`web app listening on http://${hostname ?? 'localhost'}:${port}`));

// Finish the requests in flight, then stop (Docker sends SIGTERM, Ctrl+C SIGINT).
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
