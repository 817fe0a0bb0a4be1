import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';

/** A sealed value could not be opened: wrong key, wrong context, or tampered with. */
export class SecretBoxError extends Error {}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PURPOSE = /^[a-z][a-z0-9-]{1,40}$/;

interface MasterKey {
  id: string;
  key: Buffer;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * Encryption at rest for third-party credentials (SMTP passwords, provider API keys, DKIM keys,
 * webhook secrets): AES-256-GCM with a key derived per purpose (HKDF-SHA256) from
 * ENCRYPTION_KEY, so a key leaked for one purpose opens nothing else. The caller's context
 * (e.g. tenant and row id) is bound as associated data: a value copied into another tenant's
 * row does not open there.
 *
 * Sealed form: `v1.<key id>.<base64url(iv ‖ tag ‖ ciphertext)>`. Rotation: put the new key in
 * ENCRYPTION_KEY and the old one in ENCRYPTION_KEYS_PREVIOUS; values sealed with an old key
 * still open, and `isCurrent()` tells a service to re-seal them on its next write.
 */
@Injectable()
export class SecretBox {
  private readonly current: MasterKey;
  private readonly byId: Map<string, Buffer>;
  private readonly derived = new Map<string, Buffer>();

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'ENCRYPTION_KEY' | 'ENCRYPTION_KEYS_PREVIOUS'>) {
    const master = (b64: string): MasterKey => {
      const key = Buffer.from(b64, 'base64');
      return { id: keyId(key), key };
    };
    this.current = master(config.ENCRYPTION_KEY);
    this.byId = new Map([this.current, ...config.ENCRYPTION_KEYS_PREVIOUS.map(master)].map((k) => [k.id, k.key]));
  }

  seal(purpose: string, plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.current.id, purpose), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${this.current.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(purpose: string, sealed: string, context: string): string {
    const [version, id, payload] = sealed.split('.');
    if (version !== VERSION || !id || !payload) throw new SecretBoxError('not a sealed value');
    if (!this.byId.has(id)) throw new SecretBoxError('sealed with a key this installation does not have (ENCRYPTION_KEY / ENCRYPTION_KEYS_PREVIOUS)');
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(id, purpose), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the sealed value does not open with this key and context (tampered, or moved from another record)');
    }
  }

  /**
   * A MAC (HMAC-SHA256, truncated to `bytes`) of `data` under the purpose's current key, for
   * signed tokens that must not carry a secret but must not be forged (unsubscribe links).
   */
  mac(purpose: string, data: Buffer, bytes = 16): Buffer {
    return createHmac('sha256', this.keyFor(this.current.id, purpose)).update(data).digest().subarray(0, bytes);
  }

  /** Whether `mac` is `data`'s MAC under the current key or a previous one (tokens outlive a rotation). */
  verifyMac(purpose: string, data: Buffer, mac: Buffer): boolean {
    for (const id of this.byId.keys()) {
      const expected = createHmac('sha256', this.keyFor(id, purpose)).update(data).digest().subarray(0, mac.length);
      if (mac.length >= 12 && timingSafeEqual(expected, mac)) return true;
    }
    return false;
  }

  /** Whether a sealed value uses the current key (otherwise re-seal it when next written). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${VERSION}.${this.current.id}.`);
  }

  private keyFor(id: string, purpose: string): Buffer {
    if (!PURPOSE.test(purpose)) throw new RangeError(`"${purpose}" is not a valid secret purpose`);
    const cacheKey = `${id}:${purpose}`;
    let key = this.derived.get(cacheKey);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.byId.get(id)!, Buffer.alloc(0), `lynara:secret-box:${purpose}`, 32));
      this.derived.set(cacheKey, key);
    }
    return key;
  }
}
