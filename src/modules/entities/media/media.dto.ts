import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GALLERY_MAX } from './gallery.js';
import { trimString } from '../../../common/http/transforms.js';
import { CursorQueryDto } from '../../../common/http/pagination.js';

export const MEDIA_KINDS = ['image', 'document'] as const;

export class ListMediaQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only media linked to this product' }) @IsOptional() @IsUUID() productId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only media linked to this property' }) @IsOptional() @IsUUID() propertyId?: string;
  @ApiPropertyOptional({ enum: MEDIA_KINDS }) @IsOptional() @IsIn(MEDIA_KINDS) kind?: (typeof MEDIA_KINDS)[number];
  @ApiPropertyOptional({ maxLength: 100, description: 'Only media whose file name contains this (case and accents as typed)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** Link or unlink: a uuid links (the product/property must exist in this workspace; the media goes last in its gallery), null unlinks, absent leaves as is. */
export class UpdateMediaDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() productId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() propertyId?: string | null;
}

export class MediaVariantDto {
  @ApiProperty({ example: 'w480' }) name: string;
  @ApiProperty({ example: 480 }) width: number;
  @ApiProperty({ example: 320 }) height: number;
  @ApiProperty({ example: 'image/webp' }) mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'Signed URL (path and query, relative to the API), valid until urlExpiresAt' }) url: string;
}

export class MediaDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind: string;
  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'], description: 'Sniffed from the bytes, never taken from the upload' }) mimeType: string;
  @ApiProperty({ type: String, nullable: true, description: 'File name given at upload (display only)' }) originalName: string | null;
  @ApiProperty({ description: 'Size of the stored original, in bytes' }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the stored original: what the URL serves' }) checksum: string;
  @ApiProperty({ type: Number, nullable: true }) width: number | null;
  @ApiProperty({ type: Number, nullable: true }) height: number | null;
  @ApiProperty({ type: String, nullable: true, example: '#a0522d' }) dominantColor: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) productId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) propertyId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "Place in the product's gallery (0 first; its first image is the main photo)" }) productPosition: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "Place in the property's gallery (0 first; its first image is the main photo)" }) propertyPosition: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ description: 'Signed URL of the original (path and query, relative to the API)' }) url: string;
  @ApiProperty({ format: 'date-time', description: 'When the signed URLs stop working; fetch the asset again for fresh ones' }) urlExpiresAt: Date;
  @ApiProperty({ type: [MediaVariantDto], description: 'WebP thumbnails, narrowest first (none for PDFs)' }) variants: MediaVariantDto[];
}

export class MediaPageDto {
  @ApiProperty({ type: [MediaDto] }) items: MediaDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const UPLOAD_BODY = {
  required: true,
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'One JPEG, PNG, WebP, GIF or PDF (type read from the bytes), at most MEDIA_MAX_BYTES' },
      productId: { type: 'string', format: 'uuid', description: 'Link to this product' },
      propertyId: { type: 'string', format: 'uuid', description: 'Link to this property' },
    },
  },
};

export class GalleryDto {
  @ApiProperty({ type: [MediaDto], description: 'In the chosen order: the first image is the main photo' }) items: MediaDto[];
}

/** A new order for a gallery: these media first, in this order; the others keep their order after them. */
export class GalleryOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: GALLERY_MAX, description: 'Media of this gallery, in the wanted order (one id: make it the main photo)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GALLERY_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mediaIds: string[];
}
