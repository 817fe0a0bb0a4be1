import type { Readable } from 'node:stream';

/** Where media bytes live. Keys are ours (tenant/asset/file), never user input. */
export interface MediaStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** `<tenant uuid>/<asset uuid>/<name>.<ext>`: what a key may look like, checked before any I/O. */
export const MEDIA_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[a-z0-9]{1,20}\.(jpg|png|webp|gif|pdf)$/;

export const mediaKey = (tenantId: string, assetId: string, file: string) => `${tenantId}/${assetId}/${file}`;
export const tenantOfKey = (key: string) => key.split('/')[0]!;
