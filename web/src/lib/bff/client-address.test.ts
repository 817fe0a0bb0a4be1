import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from './client-address';

describe('WEB_TRUST_PROXY', () => {
  it('reads no proxy, hop counts, addresses, ranges and named ranges', () => {
    expect(parseTrustProxy(undefined)).toEqual({ hops: 0 });
    expect(parseTrustProxy(' ')).toEqual({ hops: 0 });
    expect(parseTrustProxy('false')).toEqual({ hops: 0 });
    expect(parseTrustProxy('true')).toEqual({ hops: 1 });
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    const trust = parseTrustProxy('192.0.2.10, 10.0.0.0/8, 2001:db8::/32, Loopback');
    const trusted = (a: string) => clientAddress(a, '203.0.113.5', trust) === '203.0.113.5';
    expect(['192.0.2.10', '10.200.0.1', '2001:db8::42', '127.0.0.1', '::1'].filter(trusted)).toHaveLength(5);
    expect(['192.0.2.11', '11.0.0.1', '2001:db9::1', '198.51.100.7'].filter(trusted)).toEqual([]);
  });

  it.each(['yes', 'proxy.example', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/8/1', '10.0.0.0/x', '1,,2', '-1'])('refuses %j, naming the variable', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/^WEB_TRUST_PROXY: /);
  });
});

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.5', { hops: 0 })).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7', null, { hops: 0 })).toBe('198.51.100.7');
  });

  it('never goes further left than the chain', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.5', { hops: 5 })).toBe('203.0.113.5');
    expect(clientAddress('10.0.0.2', null, { hops: 1 })).toBe('10.0.0.2');
    expect(clientAddress('127.0.0.1', '127.0.0.1', parseTrustProxy('loopback'))).toBe('127.0.0.1');
  });

  it('reads addresses written with ports or brackets', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.5:4711', { hops: 1 })).toBe('203.0.113.5');
    expect(clientAddress('10.0.0.2', '[2001:db8::7]:443', { hops: 1 })).toBe('2001:db8::7');
  });

  it('falls back to the reporting proxy when what it reported is not an address', () => {
    expect(clientAddress('10.0.0.2', 'unknown', { hops: 1 })).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '203.0.113.5, garbage', parseTrustProxy('10.0.0.0/8'))).toBe('10.0.0.2');
  });
});
