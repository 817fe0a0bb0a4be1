import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';
import { CONSENT_STATUSES, type ConsentStatus, LIFECYCLE_STAGES, type LifecycleStage } from '../dto/lead.dto.js';
import { DEFAULT_LEAD_SORT, LEAD_SORTS } from '../lead-sort.js';

/** A column of the table: a lead field (`city`) or a custom field (`custom.budget`). */
const COLUMN = /^(custom\.)?[a-zA-Z][a-zA-Z0-9_]{0,99}$/;

/** The list's simple filters a view keeps, named as GET /leads names them. */
export class LeadViewCriteriaDto {
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(8) @IsIn(LIFECYCLE_STAGES, { each: true }) lifecycleStage?: LifecycleStage[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) tag?: string;
  @ApiPropertyOptional({ enum: CONSENT_STATUSES }) @IsOptional() @IsIn(CONSENT_STATUSES) emailConsent?: ConsentStatus;
  @ApiPropertyOptional({ enum: ['exclude', 'only'] }) @IsOptional() @IsIn(['exclude', 'only']) deleted?: 'exclude' | 'only';
}

const FILTER_DOC = { type: 'object', additionalProperties: true, nullable: true, description: 'A segment rule tree, as GET /leads?filter= takes it' } as const;

export class CreateLeadViewDto {
  @ApiProperty({ example: 'Lyon, clients' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ default: false, description: 'Seen by the whole workspace (changed only by its owner or an admin)' }) @IsOptional() @IsBoolean() shared?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Search text' }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(100) q?: string | null;
  @ApiPropertyOptional({ type: LeadViewCriteriaDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LeadViewCriteriaDto) criteria?: LeadViewCriteriaDto;
  @ApiPropertyOptional(FILTER_DOC) @IsOptional() @IsObject() filter?: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: [String], example: ['name', 'email', 'city', 'custom.budget'], description: 'Columns shown, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @Matches(COLUMN, { each: true })
  columns?: string[];
  @ApiPropertyOptional({ enum: LEAD_SORTS, default: DEFAULT_LEAD_SORT }) @IsOptional() @IsIn(LEAD_SORTS) sort?: string;
}

export class UpdateLeadViewDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() shared?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(100) q?: string | null;
  @ApiPropertyOptional({ type: LeadViewCriteriaDto }) @IsOptionalNotNull() @IsObject() @ValidateNested() @Type(() => LeadViewCriteriaDto) criteria?: LeadViewCriteriaDto;
  @ApiPropertyOptional(FILTER_DOC) @IsOptional() @IsObject() filter?: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @Matches(COLUMN, { each: true }) columns?: string[];
  @ApiPropertyOptional({ enum: LEAD_SORTS }) @IsOptionalNotNull() @IsIn(LEAD_SORTS) sort?: string;
}

export class LeadViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() shared: boolean;
  @ApiProperty({ format: 'uuid', description: 'The member who saved it' }) ownerId: string;
  @ApiProperty({ description: 'Saved by the caller' }) mine: boolean;
  @ApiProperty({ description: 'The caller may change or delete it (its owner, or an admin for a shared view)' }) editable: boolean;
  @ApiProperty({ type: String, nullable: true }) q: string | null;
  @ApiProperty({ type: LeadViewCriteriaDto }) criteria: LeadViewCriteriaDto;
  @ApiProperty(FILTER_DOC) filter: Record<string, unknown> | null;
  @ApiProperty({ type: [String] }) columns: string[];
  @ApiProperty({ enum: LEAD_SORTS }) sort: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class LeadViewListDto {
  @ApiProperty({ type: [LeadViewDto] }) items: LeadViewDto[];
}
