import ipaddr from 'ipaddr.js';

/**
 * Which addresses outbound requests may reach. Public unicast addresses always; private,
 * loopback, link-local and other special ranges only when the operator listed them
 * (OUTBOUND_PRIVATE_ALLOWLIST: host names, addresses or CIDRs, `*` for all) — so a webhook URL
 * or provider base URL typed by a tenant cannot reach the metadata service or the database.
 */
export class AddressPolicy {
  private readonly allowAll: boolean;
  private readonly hosts = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];

  constructor(allowlist: readonly string[]) {
    this.allowAll = allowlist.includes('*');
    for (const entry of allowlist) {
      if (entry === '*') continue;
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) this.ranges.push([ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128]);
      else this.hosts.add(entry.toLowerCase());
    }
  }

  /** Whether a request to this host name may go out at all before its addresses are known. */
  hostAllowed(host: string): boolean {
    return this.allowAll || this.hosts.has(host.toLowerCase());
  }

  /** Whether a resolved (or literal) address may be connected to, for a request to `host`. */
  addressAllowed(address: string, host: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    if (ip.range() === 'unicast') return true;
    if (this.hostAllowed(host)) return true;
    return this.ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits));
  }
}

/**
 * Parses OUTBOUND_PRIVATE_ALLOWLIST (`none` for an empty list); throws on an entry that is
 * neither a host, an address nor a CIDR.
 */
export function parseAllowlist(raw: string): string[] {
  if (raw.trim() === 'none') return [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of entries) {
    if (e === '*') continue;
    if (e.includes('/')) {
      try {
        ipaddr.parseCIDR(e);
      } catch {
        throw new Error(`"${e}" is not a CIDR range`);
      }
    } else if (!ipaddr.isValid(e) && !/^[a-z0-9.-]{1,253}$/i.test(e)) throw new Error(`"${e}" is not a host name, address or CIDR`);
  }
  return entries;
}
