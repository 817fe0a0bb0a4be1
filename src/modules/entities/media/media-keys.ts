/** Media originals and thumbnails (MEDIA_DIR): a FileStore of its own, with media keys only. */
export const MEDIA_STORE = Symbol('MEDIA_STORE');

/** `<tenant uuid>/<asset uuid>/<name>.<ext>`: what a key may look like, checked before any I/O. */
export const MEDIA_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[a-z0-9]{1,20}\.(jpg|png|webp|gif|pdf)$/;

export const mediaKey = (tenantId: string, assetId: string, file: string) => `${tenantId}/${assetId}/${file}`;
export const tenantOfKey = (key: string) => key.split('/')[0]!;
