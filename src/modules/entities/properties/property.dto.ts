import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { CURRENCY_DOC, PRICE_DOC } from '../products/product.dto.js';
import { IsAttributes, IsCountryCode, IsCurrencyCode, present } from '../shared/catalog-values.js';
import { trimString } from '../../../common/http/transforms.js';
import { MediaDto } from '../media/media.dto.js';

export const PROPERTY_STATUSES = ['draft', 'available', 'under_offer', 'sold', 'rented', 'withdrawn'] as const;
export type PropertyStatusValue = (typeof PROPERTY_STATUSES)[number];
export const TRANSACTION_TYPES = ['sale', 'rent'] as const;
export const PROPERTY_TYPES = ['apartment', 'house', 'land', 'commercial', 'parking', 'office', 'building', 'other'] as const;
export type PropertyTypeValue = (typeof PROPERTY_TYPES)[number];
/** French energy performance rating (DPE), A best to G worst. */
export const ENERGY_RATINGS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type EnergyRatingValue = (typeof ENERGY_RATINGS)[number];
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,63}$/;
const REFERENCE_MESSAGE = 'reference must be 1-64 letters, digits, ".", "_", "-" or "/", starting with a letter or digit';
const TYPE_MESSAGE = `propertyType must be one of ${PROPERTY_TYPES.join(', ')}`;
const RATING_MESSAGE = 'energyRating must be a letter from A to G';
const SURFACE_MAX = 99_999_999.99;
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** Shared by create and update: every field's rules, with create making some required. */
export class CreatePropertyDto {
  @ApiProperty({ example: 'LYN-2026-001', pattern: REFERENCE.source }) @Transform(trimString) @IsString() @Matches(REFERENCE, { message: REFERENCE_MESSAGE }) reference: string;
  @ApiProperty({ example: 'Bright 3-room flat near the canal', maxLength: 200 }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 20_000 }) @IsOptional() @IsString() @MaxLength(20_000) description?: string | null;
  @ApiProperty({ enum: PROPERTY_TYPES, example: 'apartment' }) @Transform(trimString) @IsIn(PROPERTY_TYPES, { message: TYPE_MESSAGE }) propertyType: PropertyTypeValue;
  @ApiPropertyOptional({ enum: TRANSACTION_TYPES, default: 'sale' }) @IsOptional() @IsIn(TRANSACTION_TYPES) transactionType?: TransactionType;
  @ApiPropertyOptional({ enum: PROPERTY_STATUSES, default: 'draft' }) @IsOptional() @IsIn(PROPERTY_STATUSES) status?: PropertyStatusValue;
  @ApiPropertyOptional({ nullable: true, maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) addressLine?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 20 }) @IsOptional() @IsString() @MaxLength(20) postalCode?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 120, example: 'Lyon' }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(120) city?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'FR', description: 'ISO 3166-1 alpha-2' }) @IsOptional() @Transform(upper) @IsCountryCode() country?: string | null;
  @ApiPropertyOptional({ nullable: true, minimum: -90, maximum: 90 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: -180, maximum: 180 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: SURFACE_MAX, example: 72.5, description: 'Square metres, up to 2 decimals (a JSON number)' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(SURFACE_MAX) surfaceM2?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) rooms?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) bedrooms?: number | null;
  @ApiPropertyOptional({ enum: ENERGY_RATINGS, nullable: true, description: 'Energy performance rating (French DPE), A to G' })
  @IsOptional() @Transform(upper) @IsIn(ENERGY_RATINGS, { message: RATING_MESSAGE }) energyRating?: EnergyRatingValue | null;
  @ApiPropertyOptional({ ...PRICE_DOC, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) priceMinor?: number | null;
  @ApiPropertyOptional({ ...CURRENCY_DOC, nullable: true }) @IsOptional() @IsCurrencyCode() currency?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form JSON object, at most 16 KB' }) @IsOptional() @IsAttributes() attributes?: Record<string, unknown>;
}

/** Only the fields given change; null clears an optional field. */
export class UpdatePropertyDto {
  @ApiPropertyOptional({ pattern: REFERENCE.source }) @ValidateIf(present) @Transform(trimString) @IsString() @Matches(REFERENCE, { message: REFERENCE_MESSAGE }) reference?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @ValidateIf(present) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(20_000) description?: string | null;
  @ApiPropertyOptional({ enum: PROPERTY_TYPES }) @ValidateIf(present) @Transform(trimString) @IsIn(PROPERTY_TYPES, { message: TYPE_MESSAGE }) propertyType?: PropertyTypeValue;
  @ApiPropertyOptional({ enum: TRANSACTION_TYPES }) @ValidateIf(present) @IsIn(TRANSACTION_TYPES) transactionType?: TransactionType;
  @ApiPropertyOptional({ enum: PROPERTY_STATUSES }) @ValidateIf(present) @IsIn(PROPERTY_STATUSES) status?: PropertyStatusValue;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) addressLine?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) postalCode?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(120) city?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Transform(upper) @IsCountryCode() country?: string | null;
  @ApiPropertyOptional({ nullable: true, minimum: -90, maximum: 90 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: -180, maximum: 180 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: 0 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(SURFACE_MAX) surfaceM2?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1000) rooms?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1000) bedrooms?: number | null;
  @ApiPropertyOptional({ enum: ENERGY_RATINGS, nullable: true }) @IsOptional() @Transform(upper) @IsIn(ENERGY_RATINGS, { message: RATING_MESSAGE }) energyRating?: EnergyRatingValue | null;
  @ApiPropertyOptional({ ...PRICE_DOC, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) priceMinor?: number | null;
  @ApiPropertyOptional({ ...CURRENCY_DOC, nullable: true }) @IsOptional() @IsCurrencyCode() currency?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @ValidateIf(present) @IsAttributes() attributes?: Record<string, unknown>;
}

const num = () => Type(() => Number);

export class ListPropertiesQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the title, reference or city' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ description: 'Exact city (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional({ enum: PROPERTY_STATUSES }) @IsOptional() @IsIn(PROPERTY_STATUSES) status?: PropertyStatusValue;
  @ApiPropertyOptional({ enum: PROPERTY_TYPES }) @IsOptional() @IsIn(PROPERTY_TYPES) propertyType?: PropertyTypeValue;
  @ApiPropertyOptional({ enum: TRANSACTION_TYPES }) @IsOptional() @IsIn(TRANSACTION_TYPES) transactionType?: TransactionType;
  // Bounded like the values they compare with: beyond them PostgreSQL refuses the parameter.
  @ApiPropertyOptional({ description: 'Minimum price in minor units', maximum: Number.MAX_SAFE_INTEGER }) @IsOptional() @num() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) priceMin?: number;
  @ApiPropertyOptional({ description: 'Maximum price in minor units', maximum: Number.MAX_SAFE_INTEGER }) @IsOptional() @num() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) priceMax?: number;
  @ApiPropertyOptional({ description: 'Minimum surface, m²', maximum: SURFACE_MAX }) @IsOptional() @num() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(SURFACE_MAX) surfaceMin?: number;
  @ApiPropertyOptional({ description: 'Maximum surface, m²', maximum: SURFACE_MAX }) @IsOptional() @num() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(SURFACE_MAX) surfaceMax?: number;
  @ApiPropertyOptional({ description: 'Minimum number of rooms', maximum: 1000 }) @IsOptional() @num() @IsInt() @Min(0) @Max(1000) roomsMin?: number;
}

export class PropertyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: PROPERTY_TYPES }) propertyType: PropertyTypeValue;
  @ApiProperty({ enum: TRANSACTION_TYPES }) transactionType: string;
  @ApiProperty({ enum: PROPERTY_STATUSES }) status: PropertyStatusValue;
  @ApiProperty({ type: String, nullable: true }) addressLine: string | null;
  @ApiProperty({ type: String, nullable: true }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Square metres (JSON number, 2 decimals)' }) surfaceM2: number | null;
  @ApiProperty({ type: Number, nullable: true }) rooms: number | null;
  @ApiProperty({ type: Number, nullable: true }) bedrooms: number | null;
  @ApiProperty({ enum: ENERGY_RATINGS, nullable: true, description: 'Energy performance rating (French DPE)' }) energyRating: EnergyRatingValue | null;
  @ApiProperty({ ...PRICE_DOC, nullable: true }) priceMinor: number | null;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class PropertyListItemDto extends PropertyDto {
  @ApiProperty({ type: MediaDto, nullable: true, description: 'Its main photo: the first image of its gallery (the thumbnail in lists)' }) cover: MediaDto | null;
}

export class PropertyPageDto {
  @ApiProperty({ type: [PropertyListItemDto] }) items: PropertyListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
