import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';

/** Display order; PostgreSQL integer, kept small. */
const MAX_POSITION = 10_000;

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export class CreateCustomFieldDto {
  @ApiProperty({ example: 'budget', description: 'Stable key (lower-case letters, digits, _), used in imports, segments and the API' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'key must start with a letter and use lower-case letters, digits or _ (max 40)' })
  key: string;

  @ApiProperty({ example: 'Budget (€)' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) label: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) @IsIn(CUSTOM_FIELD_TYPES) type: CustomFieldType;

  @ApiPropertyOptional({ type: [String], description: 'Allowed values of a select field' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  options?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(MAX_POSITION) position?: number;
}

export class UpdateCustomFieldDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) label?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  options?: string[];
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(MAX_POSITION) position?: number;
}

export class CustomFieldDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) type: CustomFieldType;
  @ApiProperty({ type: [String] }) options: string[];
  @ApiProperty() position: number;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class CustomFieldListDto {
  @ApiProperty({ type: [CustomFieldDto] }) items: CustomFieldDto[];
}
