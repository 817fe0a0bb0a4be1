import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { LeadDto } from '../dto/lead.dto.js';
import { CIVILITIES, type Civility } from '../lead-standard-fields.js';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;

const RULES_DOC = {
  type: 'object' as const,
  additionalProperties: true,
  description:
    'Rule tree: `{ op: "and"|"or", conditions: [...] }` with conditions of type field, customField, tag, consent or event (e.g. ' +
    '`{ type: "event", eventType: "email.clicked", operator: "atLeast", count: 2, withinDays: 30 }`). Invalid trees answer 400 naming the bad node.',
  example: { op: 'and', conditions: [{ type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' }] },
};

export class SegmentRulesDto {
  @ApiProperty(RULES_DOC) @IsObject() rules: Record<string, unknown>;
}

export class CreateSegmentDto extends SegmentRulesDto {
  @ApiProperty({ example: 'Directeurs actifs' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ enum: SEGMENT_KINDS, default: 'dynamic', description: 'dynamic: evaluated when used; static: members fixed when saved or refreshed' })
  @IsOptional()
  @IsIn(SEGMENT_KINDS)
  kind?: (typeof SEGMENT_KINDS)[number];
}

export class UpdateSegmentDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(500) description?: string | null;
  @ApiPropertyOptional(RULES_DOC) @IsOptionalNotNull() @IsObject() rules?: Record<string, unknown>;
}

export class SampleLeadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, enum: CIVILITIES }) civility: Civility | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String }) company: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty() score: number;
}

export class SegmentPreviewDto {
  @ApiProperty({ description: 'Leads matching now' }) count: number;
  @ApiProperty({ type: [SampleLeadDto], description: 'The newest matching leads' }) sample: SampleLeadDto[];
}

export class SegmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: SEGMENT_KINDS }) kind: string;
  @ApiProperty(RULES_DOC) rules: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number, description: 'Size when last counted' }) leadCount: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) countedAt: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class SegmentListDto {
  @ApiProperty({ type: [SegmentDto] }) items: SegmentDto[];
}

export class SegmentSizeDto {
  @ApiProperty() size: number;
  @ApiProperty({ format: 'date-time' }) countedAt: Date;
}

export class SegmentSizesDto {
  @ApiProperty({ type: [SegmentSizeDto] }) items: SegmentSizeDto[];
}

export class SegmentLeadsQueryDto extends CursorQueryDto {}

export class SegmentLeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items: LeadDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateSnapshotDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Campagne salon de printemps', description: 'What the snapshot is for (shown with it)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  purpose?: string;
}

export class SegmentSnapshotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) segmentId: string;
  @ApiProperty({ enum: SEGMENT_KINDS }) kind: string;
  @ApiProperty({ ...RULES_DOC, description: 'The rules the members were found with' }) rules: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Members; null while the snapshot is being taken' }) size: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The job taking it: GET /jobs/{jobId}' }) jobId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date, description: 'When the members were frozen' }) takenAt: Date | null;
}

export class SegmentSnapshotListDto {
  @ApiProperty({ type: [SegmentSnapshotDto] }) items: SegmentSnapshotDto[];
}
