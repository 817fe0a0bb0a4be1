import { parseTrustProxy } from '@/lib/bff/client-address';
import { createBffHandler } from '@/lib/bff/handler';
import { currentPeerAddress } from '@/lib/bff/peer-address';

export const dynamic = 'force-dynamic';

const handler = createBffHandler({
  apiUrl: process.env.API_URL ?? 'http://127.0.0.1:3001',
  peerAddress: currentPeerAddress,
  trustProxy: parseTrustProxy(process.env.WEB_TRUST_PROXY),
});

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const HEAD = handler;
