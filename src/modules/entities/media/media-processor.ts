import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import sharp, { type Metadata } from 'sharp';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { ImageWorkLimiter } from '../../../infra/images/image-work-limiter.js';
import { EntitiesError } from '../entities.errors.js';
import { pdfLooksComplete, type SniffedType } from './sniff.js';

/** Thumbnail widths (WebP). An image narrower than a width gets one at its own width instead: never upscaled. */
export const THUMBNAIL_WIDTHS = [160, 480, 1200] as const;

export interface ProcessedFile {
  name: string;
  ext: string;
  mimeType: string;
  data: Buffer;
  width: number | null;
  height: number | null;
}

export interface ProcessedMedia {
  kind: 'image' | 'document';
  original: ProcessedFile;
  checksum: string;
  dominantColor: string | null;
  variants: ProcessedFile[];
}

const corrupt = (what: string) => new EntitiesError('MEDIA_CORRUPT', `The file is not a readable ${what}: it is damaged or truncated.`);
const hex = (n: number) => n.toString(16).padStart(2, '0');

/**
 * Turns an upload into what we store. Images are decoded fully (so damaged files fail here,
 * not in a browser), rotated upright from their EXIF orientation and re-encoded in their own
 * format without any metadata (EXIF, GPS, XMP, ICC: sharp keeps none unless asked).
 */
@Injectable()
export class MediaProcessor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: ImageWorkLimiter,
  ) {}

  async process(input: Buffer, type: SniffedType): Promise<ProcessedMedia> {
    if (type.mime === 'application/pdf') {
      if (!pdfLooksComplete(input)) throw corrupt('PDF');
      const original = { name: 'original', ext: 'pdf', mimeType: type.mime, data: input, width: null, height: null };
      return { kind: 'document', original, checksum: sha256(input), dominantColor: null, variants: [] };
    }
    const animated = type.mime === 'image/gif' || type.mime === 'image/webp';
    // The header check is cheap and needs no slot: an oversized image is refused without waiting.
    await this.checkPixels(input, animated);
    return this.limiter.run(() => this.decode(input, type, animated));
  }

  private async decode(input: Buffer, type: SniffedType, animated: boolean): Promise<ProcessedMedia> {
    try {
      const opts = { failOn: 'error' as const, limitInputPixels: this.config.MEDIA_MAX_PIXELS, animated };
      const upright = sharp(input, opts).rotate();
      const encoded =
        type.mime === 'image/jpeg' ? upright.jpeg({ quality: 90 }) : type.mime === 'image/png' ? upright.png() : type.mime === 'image/webp' ? upright.webp({ quality: 90 }) : upright.gif();
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      const height = info.pageHeight ?? info.height;
      const { dominant } = await sharp(data, { failOn: 'error', limitInputPixels: false }).stats();
      const variants: ProcessedFile[] = [];
      for (const target of [...new Set(THUMBNAIL_WIDTHS.map((w) => Math.min(w, info.width)))]) {
        const thumb = await sharp(data, { limitInputPixels: false }).resize({ width: target, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
        variants.push({ name: `w${thumb.info.width}`, ext: 'webp', mimeType: 'image/webp', data: thumb.data, width: thumb.info.width, height: thumb.info.height });
      }
      return {
        kind: 'image',
        original: { name: 'original', ext: type.ext, mimeType: type.mime, data, width: info.width, height },
        checksum: sha256(data),
        dominantColor: `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}`,
        variants,
      };
    } catch (err) {
      if (err instanceof EntitiesError) throw err;
      if (/pixel limit/i.test((err as Error).message)) throw tooManyPixels(this.config.MEDIA_MAX_PIXELS);
      throw corrupt('image');
    }
  }

  /** From the header alone, before decoding anything: a small file can claim a gigantic canvas. */
  private async checkPixels(input: Buffer, animated: boolean): Promise<void> {
    let meta: Metadata;
    try {
      meta = await sharp(input, { limitInputPixels: false }).metadata();
    } catch {
      throw corrupt('image');
    }
    if (!meta.width || !meta.height) throw corrupt('image');
    const frames = animated ? (meta.pages ?? 1) : 1;
    if (meta.width * (meta.pageHeight ?? meta.height) * frames > this.config.MEDIA_MAX_PIXELS) throw tooManyPixels(this.config.MEDIA_MAX_PIXELS);
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tooManyPixels = (max: number) =>
  new EntitiesError('MEDIA_TOO_MANY_PIXELS', `The image has more than ${max.toLocaleString('en')} pixels; make it smaller before uploading.`);
