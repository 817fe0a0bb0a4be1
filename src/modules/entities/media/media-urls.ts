import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { EntitiesError } from '../entities.errors.js';
import { MEDIA_KEY } from './media-keys.js';

/**
 * Signed, expiring URLs for media files: HMAC-SHA256 over key + expiry with a key derived from
 * ENCRYPTION_KEY (purpose-bound, so it signs nothing else). The storage key starts with the
 * tenant id and is covered by the signature, so a URL opens exactly one file of one tenant.
 */
@Injectable()
export class MediaUrlSigner {
  private readonly secret: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secret = createHmac('sha256', Buffer.from(config.ENCRYPTION_KEY, 'base64')).update('lynara:media-url:v1').digest();
  }

  /** Path + query of a URL valid for MEDIA_URL_TTL_SECONDS, expiry rounded up to the minute so URLs stay cacheable. */
  sign(key: string, now = Date.now()): { url: string; expiresAt: Date } {
    const expires = Math.ceil((now / 1000 + this.config.MEDIA_URL_TTL_SECONDS) / 60) * 60;
    return { url: `/media/files/${key}?expires=${expires}&sig=${this.mac(key, expires)}`, expiresAt: new Date(expires * 1000) };
  }

  /** Throws MEDIA_URL_INVALID (403) unless the signature is ours, for this key, and not expired. */
  verify(key: string, expires: string | undefined, sig: string | undefined, now = Date.now()): void {
    const invalid = (why: string) => new EntitiesError('MEDIA_URL_INVALID', `This media link is ${why}.`);
    if (!MEDIA_KEY.test(key) || !expires || !sig || !/^\d{1,12}$/.test(expires)) throw invalid('not valid');
    const expected = Buffer.from(this.mac(key, Number(expires)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('not valid');
    if (Number(expires) * 1000 <= now) throw invalid('expired');
  }

  private mac(key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${expires}`).digest('base64url');
  }
}
