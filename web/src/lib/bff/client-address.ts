import { BlockList, isIP } from 'node:net';

/**
 * Which hops in front of the web app may report the client's address (`WEB_TRUST_PROXY`):
 * none (`hops: 0`, the connection's peer is the client), the last `hops` hops, or the hops whose
 * address is in `addresses`.
 */
export type ProxyTrust = { hops: number } | { addresses: BlockList };

// The names the API's TRUST_PROXY also knows (proxy-addr's), so one vocabulary serves both.
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * Reads `WEB_TRUST_PROXY`: empty or `false` (default: no proxy, the connection's peer is the
 * client), a hop count (`true` = 1), or a comma-separated list of proxy addresses, CIDR ranges
 * and `loopback` / `linklocal` / `uniquelocal`. Throws an error naming the variable otherwise.
 */
export function parseTrustProxy(value: string | undefined): ProxyTrust {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false') return { hops: 0 };
  if (text === 'true') return { hops: 1 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim())) {
    const ranges = NAMED_RANGES[entry] ?? [entry];
    for (const range of ranges) {
      const [address, prefix, extra] = range.split('/');
      const bits = isIP(address) === 6 ? 128 : isIP(address) === 4 ? 32 : 0;
      const prefixLength = prefix === undefined ? bits : /^\d+$/.test(prefix) ? Number(prefix) : -1;
      if (!bits || extra !== undefined || prefixLength < 0 || prefixLength > bits) {
        throw new Error(
          `WEB_TRUST_PROXY: "${entry}" is not a hop count, an IP address, a CIDR range or one of ${Object.keys(NAMED_RANGES).join(', ')}`,
        );
      }
      addresses.addSubnet(address, prefixLength, family(address));
    }
  }
  return { addresses };
}

/** An address as proxies write it (`203.0.113.5:4711`, `[2001:db8::1]:443`, `::ffff:203.0.113.5`), bare. */
function bare(entry: string): string {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address)) address = address.slice(7);
  return address;
}

/**
 * The client's address: the connection's `peer`, unless trusted proxies stand in between, whose
 * reports are read from the right of `X-Forwarded-For` (each proxy appends the address it
 * received the request from). Entries left of the first untrusted hop are whatever the client
 * wrote, and are ignored.
 */
export function clientAddress(peer: string, forwardedFor: string | null, trust: ProxyTrust): string {
  const chain = [...(forwardedFor ? forwardedFor.split(',') : []), peer].map(bare);
  let i = chain.length - 1;
  if ('hops' in trust) {
    i = Math.max(0, i - trust.hops);
  } else {
    while (i > 0 && isIP(chain[i]) && trust.addresses.check(chain[i], family(chain[i]))) i -= 1;
  }
  // A trusted proxy passed on something that is not an address: the hop that reported it is
  // the nearest address we know.
  while (i < chain.length - 1 && !isIP(chain[i])) i += 1;
  return chain[i];
}
