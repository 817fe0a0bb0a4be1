import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../../infra/crypto/secret-box.js';

const PURPOSE = 'unsubscribe-token';
const MAC_BYTES = 16;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * Unsubscribe tokens: tenant id ‖ message id ‖ HMAC of both (a key derived for this purpose
 * from ENCRYPTION_KEY), base64url — 64 characters. The tenant travels in the token because
 * the public endpoint has no session to say whose rows to open; the MAC makes a token for
 * another tenant's message, or for another message, impossible to forge.
 */
@Injectable()
export class UnsubscribeTokens {
  constructor(private readonly box: SecretBox) {}

  sign(tenantId: string, messageId: string): string {
    const body = Buffer.concat([uuidBytes(tenantId), uuidBytes(messageId)]);
    return Buffer.concat([body, this.box.mac(PURPOSE, body, MAC_BYTES)]).toString('base64url');
  }

  /** The tenant and message a token names, or null when it is not one of ours. */
  verify(token: string): { tenantId: string; messageId: string } | null {
    if (!/^[A-Za-z0-9_-]{64}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 32 + MAC_BYTES) return null;
    const body = raw.subarray(0, 32);
    if (!this.box.verifyMac(PURPOSE, body, raw.subarray(32))) return null;
    return { tenantId: uuidOf(body.subarray(0, 16)), messageId: uuidOf(body.subarray(16, 32)) };
  }
}
