import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../../../common/auth/actor.js';
import { decodeCursor, page } from '../../../common/http/pagination.js';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { EntitiesError } from '../entities.errors.js';
import { ProductsRepository } from '../products/products.repository.js';
import { PropertiesRepository } from '../properties/properties.repository.js';
import { uuidV7 } from '../shared/uuid-v7.js';
import { MediaProcessor } from './media-processor.js';
import { MediaUploadThrottle } from './media-upload-throttle.js';
import type { FileStore } from '../../../infra/storage/file-store.js';
import { MEDIA_STORE, mediaKey } from './media-keys.js';
import { MediaUrlSigner } from './media-urls.js';
import type { ListMediaQueryDto, MediaDto, MediaPageDto, UpdateMediaDto } from './media.dto.js';
import { GALLERY_MAX } from './gallery.js';
import { MediaRepository, OWNER_COLUMNS, type MediaRow } from './media.repository.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { sniff } from './sniff.js';

interface StoredVariant {
  name: string;
  width: number;
  height: number;
  mimeType: string;
  sizeBytes: number;
  key: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidUpload = (message: string, field = 'file') => new EntitiesError('MEDIA_UPLOAD_INVALID', message, [{ field, code: 'invalid', message }]);

/** File names are shown, never used as paths: keep the last path segment, printable, ≤ 255 chars. */
const displayName = (name: string | undefined) => {
  const clean = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || null;
};

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: MediaRepository,
    private readonly products: ProductsRepository,
    private readonly properties: PropertiesRepository,
    private readonly audit: AuditLogService,
    private readonly processor: MediaProcessor,
    private readonly throttle: MediaUploadThrottle,
    private readonly signer: MediaUrlSigner,
    @Inject(MEDIA_STORE) private readonly storage: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(tenantId: string, actor: Actor, body: unknown, contentType: string | undefined): Promise<MediaDto> {
    await this.throttle.consume(tenantId);
    const { file, filename, productId, propertyId } = this.readForm(body, contentType);
    if (file.length > this.config.MEDIA_MAX_BYTES) {
      throw new EntitiesError('MEDIA_TOO_LARGE', `The file is larger than ${this.config.MEDIA_MAX_BYTES} bytes.`);
    }
    const type = sniff(file);
    if (!type) throw new EntitiesError('MEDIA_UNSUPPORTED_TYPE', 'Only JPEG, PNG, WebP, GIF and PDF files are accepted (the type is read from the file itself).');
    // Cheap check before the expensive processing; repeated inside the insert transaction.
    await this.prisma.scoped({ tenantId }, (tx) => this.checkLinks(tx, tenantId, { productId, propertyId }));
    const processed = await this.processor.process(file, type);

    const id = uuidV7();
    const storageKey = mediaKey(tenantId, id, `${processed.original.name}.${processed.original.ext}`);
    const variants: StoredVariant[] = processed.variants.map((v) => ({
      name: v.name, width: v.width!, height: v.height!, mimeType: v.mimeType, sizeBytes: v.data.length, key: mediaKey(tenantId, id, `${v.name}.${v.ext}`),
    }));
    const written: string[] = [];
    try {
      await this.storage.write(storageKey, processed.original.data);
      written.push(storageKey);
      for (const [i, v] of variants.entries()) {
        await this.storage.write(v.key, processed.variants[i]!.data);
        written.push(v.key);
      }
      const row = await this.prisma.scoped({ tenantId }, async (tx) => {
        await this.checkLinks(tx, tenantId, { productId, propertyId });
        const positions = await this.linkPositions(tx, tenantId, { productId, propertyId });
        const created = await this.repo.create(tx, {
          ...positions,
          id,
          tenantId,
          kind: processed.kind,
          mimeType: processed.original.mimeType,
          originalName: displayName(filename),
          sizeBytes: BigInt(processed.original.data.length),
          checksum: processed.checksum,
          width: processed.original.width,
          height: processed.original.height,
          dominantColor: processed.dominantColor,
          storageKey,
          variants: variants as unknown as object,
          status: 'ready',
          productId: productId ?? null,
          propertyId: propertyId ?? null,
          createdById: actor.type === 'user' ? actor.id : null,
        });
        await this.audit.record(tx, tenantId, {
          action: 'media.uploaded', entityType: 'media', entityId: id,
          metadata: { fileName: created.originalName, mimeType: created.mimeType, sizeBytes: processed.original.data.length, productId: productId ?? null, propertyId: propertyId ?? null },
        });
        return created;
      });
      return this.toDto(row);
    } catch (err) {
      await this.deleteFiles(written);
      throw err;
    }
  }

  async list(tenantId: string, q: ListMediaQueryDto): Promise<MediaPageDto> {
    const cursor = decodeCursor(q.cursor);
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, q, cursor));
    const { items, nextCursor } = page(rows, q.limit, (r) => r.createdAt);
    return { items: items.map((r) => this.toDto(r)), nextCursor };
  }

  /** Main photo (first image of the gallery) of each listed product or property, with signed URLs; absent ids have none. */
  async covers(tenantId: string, owner: 'product' | 'property', ids: string[]): Promise<Map<string, MediaDto>> {
    if (!ids.length) return new Map();
    const column = owner === 'product' ? 'productId' : 'propertyId';
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.covers(tx, tenantId, owner, ids));
    return new Map(rows.map((r) => [r[column]!, this.toDto(r)]));
  }

  async get(tenantId: string, id: string): Promise<MediaDto> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw notFound();
    return this.toDto(row);
  }

  async update(tenantId: string, id: string, dto: UpdateMediaDto): Promise<MediaDto> {
    const row = await this.prisma.scoped({ tenantId }, async (tx) => {
      const current = await this.repo.find(tx, tenantId, id);
      if (!current) throw notFound();
      await this.checkLinks(tx, tenantId, dto);
      const positions = await this.linkPositions(tx, tenantId, dto, current);
      const updated = await this.repo.update(tx, id, { productId: dto.productId, propertyId: dto.propertyId, ...positions });
      await this.audit.record(tx, tenantId, { action: 'media.updated', entityType: 'media', entityId: id, metadata: { fileName: current.originalName, ...dto } });
      return updated;
    });
    return this.toDto(row);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    const row = await this.prisma.scoped({ tenantId }, async (tx) => {
      const found = await this.repo.find(tx, tenantId, id);
      if (!found || !(await this.repo.softDelete(tx, tenantId, id))) throw notFound();
      await this.audit.record(tx, tenantId, { action: 'media.deleted', entityType: 'media', entityId: id, metadata: { fileName: found.originalName } });
      return found;
    });
    // After the commit: the row is gone for everyone, then its bytes go (a failure only leaves an orphan file).
    await this.deleteFiles([row.storageKey, ...(row.variants as unknown as StoredVariant[]).map((v) => v.key)]);
  }

  /** The bytes behind a signed URL: the signature is checked before storage is touched. */
  async openFile(key: string, expires: string | undefined, sig: string | undefined) {
    this.signer.verify(key, expires, sig);
    const file = await this.storage.read(key);
    if (!file) throw new EntitiesError('MEDIA_FILE_NOT_FOUND', 'This media file no longer exists.');
    return { ...file, expiresAt: Number(expires) };
  }

  /**
   * A product or property may only be linked if it is live in this tenant. RLS hides other
   * tenants' rows from the lookup, but not from the foreign key, so this check is what stops a
   * cross-tenant link.
   */
  private async checkLinks(tx: Tx, tenantId: string, links: { productId?: string | null; propertyId?: string | null }): Promise<void> {
    if (links.productId && !(await this.products.find(tx, tenantId, links.productId))) throw new EntitiesError('PRODUCT_NOT_FOUND', 'No such product.');
    if (links.propertyId && !(await this.properties.find(tx, tenantId, links.propertyId))) throw new EntitiesError('PROPERTY_NOT_FOUND', 'No such property.');
  }

  /**
   * The gallery positions that go with new links: a new link goes last in its owner's gallery,
   * an unlink clears the position, a link left as it was keeps its place. A full gallery refuses.
   */
  private async linkPositions(tx: Tx, tenantId: string, links: { productId?: string | null; propertyId?: string | null }, current?: MediaRow) {
    const data: { productPosition?: number | null; propertyPosition?: number | null } = {};
    for (const owner of ['product', 'property'] as const) {
      const { id, position } = OWNER_COLUMNS[owner];
      const target = links[id];
      if (target === undefined || (current && current[id] === target)) continue;
      if (target === null) {
        data[position] = null;
        continue;
      }
      const end = await this.repo.galleryEnd(tx, tenantId, owner, target);
      if (end.count >= GALLERY_MAX) {
        throw new EntitiesError('MEDIA_GALLERY_FULL', `A ${owner} holds at most ${GALLERY_MAX} media: unlink or delete some first.`, [
          { field: id, code: 'max', message: `the ${owner}'s gallery is full (${GALLERY_MAX} media)` },
        ]);
      }
      data[position] = end.next;
    }
    return data;
  }

  private readForm(body: unknown, contentType: string | undefined) {
    const boundary = boundaryOf(contentType);
    if (!Buffer.isBuffer(body) || !boundary) throw invalidUpload('Send the file as multipart/form-data with a "file" part.');
    const parts = parseMultipart(body, boundary);
    if (!parts) throw invalidUpload('The multipart body is malformed.');
    const files = parts.filter((p) => p.filename !== undefined);
    if (files.length !== 1 || files[0]!.name !== 'file') throw invalidUpload('Send exactly one file, in a part named "file".');
    const fields: Record<string, string> = {};
    for (const p of parts.filter((x) => x.filename === undefined)) {
      if (p.name !== 'productId' && p.name !== 'propertyId') throw invalidUpload(`Unknown form field "${p.name}".`, p.name);
      const value = p.data.toString('utf8').trim();
      if (value && !UUID.test(value)) throw invalidUpload(`${p.name} must be a UUID.`, p.name);
      if (value) fields[p.name] = value.toLowerCase();
    }
    const file = files[0]!;
    if (!file.data.length) throw invalidUpload('The file is empty.');
    return { file: file.data, filename: file.filename, productId: fields.productId, propertyId: fields.propertyId };
  }

  /** The asset as the API gives it, with freshly signed URLs. */
  toDto(r: MediaRow): MediaDto {
    const original = this.signer.sign(r.storageKey);
    return {
      id: r.id,
      kind: r.kind,
      mimeType: r.mimeType,
      originalName: r.originalName,
      sizeBytes: Number(r.sizeBytes),
      checksum: r.checksum,
      width: r.width,
      height: r.height,
      dominantColor: r.dominantColor,
      productId: r.productId,
      propertyId: r.propertyId,
      productPosition: r.productId ? r.productPosition : null,
      propertyPosition: r.propertyId ? r.propertyPosition : null,
      createdAt: r.createdAt,
      url: original.url,
      urlExpiresAt: original.expiresAt,
      variants: (r.variants as unknown as StoredVariant[]).map(({ key, ...v }) => ({ ...v, url: this.signer.sign(key).url })),
    };
  }

  private async deleteFiles(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err, key }, 'could not delete a media file'));
    }
  }
}

const notFound = () => new EntitiesError('MEDIA_NOT_FOUND', 'No such media asset.');
