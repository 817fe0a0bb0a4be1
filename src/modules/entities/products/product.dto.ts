import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { IsAttributes, present, IsCurrencyCode, toBool } from '../shared/catalog-values.js';
import { trimString } from '../../../common/http/transforms.js';
import { MediaDto } from '../media/media.dto.js';

const SKU = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,63}$/;
const SKU_MESSAGE = 'sku must be 1-64 letters, digits, ".", "_", "-" or "/", starting with a letter or digit';

/** Money is an integer of minor units (cents) so no float ever rounds a price; JSON number, ≤ 2^53−1. */
export const PRICE_DOC = { type: 'integer', format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 129900, description: 'Price in minor units of `currency` (129900 = 1,299.00 EUR). A JSON number, at most 2^53−1.' } as const;
export const CURRENCY_DOC = { example: 'EUR', description: 'ISO 4217 code, upper case; required with a price', pattern: '^[A-Z]{3}$' } as const;

export class CreateProductDto {
  @ApiProperty({ example: 'CHAIR-OAK-01', pattern: SKU.source }) @Transform(trimString) @IsString() @Matches(SKU, { message: SKU_MESSAGE }) sku: string;
  @ApiProperty({ example: 'Oak chair', maxLength: 200 }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 10_000 }) @IsOptional() @IsString() @MaxLength(10_000) description?: string | null;
  @ApiPropertyOptional({ ...PRICE_DOC, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) priceMinor?: number | null;
  @ApiPropertyOptional({ ...CURRENCY_DOC, nullable: true }) @IsOptional() @IsCurrencyCode() currency?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form JSON object, at most 16 KB' }) @IsOptional() @IsAttributes() attributes?: Record<string, unknown>;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

/** Only the fields given change; null clears an optional field. */
export class UpdateProductDto {
  @ApiPropertyOptional({ pattern: SKU.source }) @ValidateIf(present) @Transform(trimString) @IsString() @Matches(SKU, { message: SKU_MESSAGE }) sku?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @ValidateIf(present) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) description?: string | null;
  @ApiPropertyOptional({ ...PRICE_DOC, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) priceMinor?: number | null;
  @ApiPropertyOptional({ ...CURRENCY_DOC, nullable: true }) @IsOptional() @IsCurrencyCode() currency?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the attributes (at most 16 KB)' }) @ValidateIf(present) @IsAttributes() attributes?: Record<string, unknown>;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() active?: boolean;
}

export class ListProductsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name or SKU' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) products' }) @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptional() @IsCurrencyCode() currency?: string;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ ...PRICE_DOC, nullable: true }) priceMinor: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes: Record<string, unknown>;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class ProductListItemDto extends ProductDto {
  @ApiProperty({ type: MediaDto, nullable: true, description: 'Its main photo: the first image of its gallery (the thumbnail in lists)' }) cover: MediaDto | null;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductListItemDto] }) items: ProductListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}
