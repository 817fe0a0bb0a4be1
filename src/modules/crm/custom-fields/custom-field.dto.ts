import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { trimString } from '../../../common/http/transforms.js';

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
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  options?: string[];

  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) position?: number;
}

export class UpdateCustomFieldDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) label?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  options?: string[];
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) position?: number;
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
