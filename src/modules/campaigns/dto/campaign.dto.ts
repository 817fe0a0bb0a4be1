import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from '../../../common/http/dates.js';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';
import { CAMPAIGN_STATUSES } from '../campaign-status.js';
import { STEP_KINDS } from '../journeys/journey-graph.js';

export class CampaignGoalDto {
  @ApiProperty({ example: 'purchase', description: 'The event type that counts as a conversion' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_.-]{0,99}$/, { message: 'eventType must be a lower-case event type (letters, digits, _ . -)' })
  eventType: string;
  @ApiProperty({ example: 168, minimum: 1, maximum: 8760, description: 'Hours after entering the campaign during which the event counts' })
  @IsInt()
  @Min(1)
  @Max(8760)
  windowHours: number;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'Relance salon 2026' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The audience: a segment, frozen in a snapshot at launch' }) @IsOptional() @IsUUID() segmentId?: string;
  @ApiPropertyOptional({ default: false, description: 'Dynamic segments: leads who join the segment while the campaign runs are admitted too' })
  @IsOptional()
  @IsBoolean()
  admitLateJoiners?: boolean;
  @ApiPropertyOptional({ type: CampaignGoalDto }) @IsOptional() @ValidateNested() @Type(() => CampaignGoalDto) goal?: CampaignGoalDto;
}

export class UpdateCampaignDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(2000) description?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Only before launch' }) @IsOptional() @IsUUID() segmentId?: string | null;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() admitLateJoiners?: boolean;
  @ApiPropertyOptional({ type: CampaignGoalDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => CampaignGoalDto) goal?: CampaignGoalDto | null;
}

export class ScheduleCampaignDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-10T09:00:00+01:00', description: 'When to launch (ISO 8601 with an offset)' })
  @IsIsoDateTime({ requireOffset: true })
  startsAt: Date;
}

export class CampaignRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The launch job (GET /jobs/:id)' }) jobId: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Leads in the frozen audience (null until the snapshot is taken)' }) audienceSize: number | null;
  @ApiProperty({ description: 'Leads admitted into the journey so far' }) admitted: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) admissionDoneAt: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why the campaign is in this status, when the system put it there' }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) segmentId: string | null;
  @ApiProperty() admitLateJoiners: boolean;
  @ApiProperty({ type: CampaignGoalDto, nullable: true }) goal: CampaignGoalDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) startsAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) launchedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ type: CampaignRunDto, nullable: true, description: 'The current (latest) run' }) run: CampaignRunDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class CampaignListQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: (typeof CAMPAIGN_STATUSES)[number];
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class LaunchDto {
  @ApiProperty({ format: 'uuid', description: 'Follow admission with GET /jobs/:id' }) jobId: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ type: CampaignDto }) campaign: CampaignDto;
}

const STEP_CONFIG_DOC = {
  type: 'object' as const,
  additionalProperties: true,
  description:
    'By kind — send: `{ channel: "email", templateId, senderId?, variants?: { <variant>: { templateId, senderId? } } }`; ' +
    'wait: `{ durationMinutes }` | `{ until: ISO date-time }` | `{ localTime: "HH:MM" }` (the lead\'s timezone); ' +
    'condition: `{ test: "opened"|"clicked", stepKey? }` | `{ test: "converted" }` | `{ test: "inSegment", segmentId }` | `{ test: "score", operator: gte|gt|lte|lt|eq, value }` | `{ test: "field", field, operator: equals|notEquals|contains|isSet|isNotSet, value? }`; ' +
    'action: `{ action: "tag", tag }` | `{ action: "setField", field, value }` | `{ action: "webhook", url, secret? }` (the secret is write-only: answers show `secretSet`); ' +
    'split: `{ variants: [{ key, percent }], winner?: { metric: open|click|conversion, afterHours } }`; exit: `{}`.',
};

export class JourneyStepInputDto {
  @ApiProperty({ example: 'welcome', description: 'Your name for the step, unique in the journey; edges name steps by key' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'key must be 1 to 64 letters, digits, - or _' })
  key: string;
  @ApiProperty({ enum: STEP_KINDS }) @IsIn(STEP_KINDS) kind: (typeof STEP_KINDS)[number];
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional(STEP_CONFIG_DOC) @IsOptional() @IsObject() config?: Record<string, unknown>;
}

export class JourneyEdgeDto {
  @ApiProperty({ example: 'welcome' }) @IsString() @MaxLength(64) from: string;
  @ApiProperty({ example: 'wait-2d' }) @IsString() @MaxLength(64) to: string;
  @ApiProperty({ example: 'next', description: '`next`, `yes` / `no` (condition) or a split\'s variant key' }) @IsString() @MinLength(1) @MaxLength(64) branch: string;
}

export class PutJourneyDto {
  @ApiProperty({ example: 'welcome', description: 'Key of the step every lead starts at' }) @IsString() @MaxLength(64) entry: string;
  @ApiProperty({ type: [JourneyStepInputDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => JourneyStepInputDto) steps: JourneyStepInputDto[];
  @ApiProperty({ type: [JourneyEdgeDto] }) @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => JourneyEdgeDto) edges: JourneyEdgeDto[];
}

export class JourneyStepDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty({ enum: STEP_KINDS }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty(STEP_CONFIG_DOC) config: Record<string, unknown>;
}

export class JourneyDto {
  @ApiProperty({ nullable: true, type: String, description: 'Key of the entry step (null: no journey yet)' }) entry: string | null;
  @ApiProperty({ type: [JourneyStepDto] }) steps: JourneyStepDto[];
  @ApiProperty({ type: [JourneyEdgeDto] }) edges: JourneyEdgeDto[];
}

export const ENROLLMENT_STATUSES = ['active', 'waiting', 'completed', 'exited'] as const;

export class EnrollmentQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit: number = 50;
  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES }) @IsOptional() @IsIn(ENROLLMENT_STATUSES) status?: (typeof ENROLLMENT_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() leadId?: string;
}

export class EnrollmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ nullable: true, type: String, description: 'Key of the step the lead is at (null once finished)' }) stepKey: string | null;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) nextWakeAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) variant: string | null;
  @ApiProperty({ format: 'date-time' }) enteredAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class EnrollmentPageDto {
  @ApiProperty({ type: [EnrollmentDto] }) items: EnrollmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class EnrollmentHistoryItemDto {
  @ApiProperty({ nullable: true, type: String }) stepKey: string | null;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ example: 'queued', description: 'What happened at the step, e.g. queued, waited, yes, no, variant:A, tagged, webhook_delivered, exited' }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) detail: Record<string, unknown> | null;
}

export class EnrollmentDetailDto extends EnrollmentDto {
  @ApiProperty({ type: [EnrollmentHistoryItemDto], description: 'The steps it went through, oldest first (the last 500)' }) history: EnrollmentHistoryItemDto[];
}
