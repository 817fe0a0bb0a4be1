import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';
import { IsIsoDateTime } from '../../../common/http/dates.js';
import { CIVILITIES, type Civility } from '../lead-standard-fields.js';

export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] as const;
export const CONSENT_STATUSES = ['unknown', 'granted', 'denied'] as const;
export const CONSENT_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const LEAD_SORTS = ['createdAt', 'score'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

export class ConsentInputDto {
  @ApiProperty({ enum: CONSENT_STATUSES }) @IsIn(CONSENT_STATUSES) status: ConsentStatus;
  @ApiPropertyOptional({ example: 'web-form', description: 'Where the consent was given or withdrawn' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string;
}

export class ConsentsInputDto {
  @ApiPropertyOptional({ type: ConsentInputDto }) @IsOptional() @ValidateNested() @Type(() => ConsentInputDto) email?: ConsentInputDto;
  @ApiPropertyOptional({ type: ConsentInputDto }) @IsOptional() @ValidateNested() @Type(() => ConsentInputDto) sms?: ConsentInputDto;
  @ApiPropertyOptional({ type: ConsentInputDto }) @IsOptional() @ValidateNested() @Type(() => ConsentInputDto) whatsapp?: ConsentInputDto;
}

/** Fields a person or an integrator may set on a lead; null clears a value on update. */
export class LeadInputDto {
  @ApiPropertyOptional({ type: String, example: 'camille.martin@exemple.fr', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Camille', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(200) firstName?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Martin', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(200) lastName?: string | null;
  @ApiPropertyOptional({ type: String, example: '06 12 34 56 78', description: 'Any format; stored as E.164', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Agence Horizon', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(200) company?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Directrice marketing', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(200) jobTitle?: string | null;
  @ApiPropertyOptional({ type: String, example: 'website', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(100) source?: string | null;
  @ApiPropertyOptional({
    type: String,
    example: 'ms',
    nullable: true,
    description: `One of ${CIVILITIES.join(', ')}; the words people write are understood too (Madame, Mme, Monsieur, M., Mr, Mrs, Ms…)`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  civility?: string | null;
  @ApiPropertyOptional({ type: String, example: '12 rue de la République', nullable: true }) @IsOptional() @Transform(trimString) @IsString() @MaxLength(300) streetAddress?: string | null;
  @ApiPropertyOptional({ type: String, example: '42000', nullable: true, description: 'Checked against the country\'s format where known (France: 5 digits)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postalCode?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Saint-Étienne', nullable: true, description: 'Filled from a French postal code when left out' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  city?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Auvergne-Rhône-Alpes', nullable: true, description: 'Filled from a French postal code when left out' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  region?: string | null;
  @ApiPropertyOptional({ type: String, example: 'FR', nullable: true, description: 'ISO 3166-1 alpha-2 (any case); the workspace\'s default country when a new lead has none' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  country?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the lead was created in the system it comes from; not in the future' })
  @IsOptional()
  @IsIsoDateTime()
  sourceCreatedAt?: Date | null;
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES }) @IsOptionalNotNull() @IsIn(LIFECYCLE_STAGES) lifecycleStage?: LifecycleStage;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A member of the workspace' }) @IsOptional() @IsUUID() ownerId?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['salon-2026'] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { budget: 250000 }, description: 'Values of the workspace\'s custom fields, by key' })
  @IsOptionalNotNull()
  @IsObject()
  customFields?: Record<string, unknown>;
  @ApiPropertyOptional({ type: ConsentsInputDto }) @IsOptional() @ValidateNested() @Type(() => ConsentsInputDto) consent?: ConsentsInputDto;
  @ApiPropertyOptional({ type: String, example: 'fr', nullable: true }) @IsOptional() @IsString() @MaxLength(10) language?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Europe/Paris', nullable: true }) @IsOptional() @IsString() @MaxLength(64) timezone?: string | null;
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_STATUSES }) status: ConsentStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) at: Date | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
}

export class ConsentsDto {
  @ApiProperty({ type: ConsentDto }) email: ConsentDto;
  @ApiProperty({ type: ConsentDto }) sms: ConsentDto;
  @ApiProperty({ type: ConsentDto }) whatsapp: ConsentDto;
}

export class LeadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) company: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ nullable: true, enum: CIVILITIES, description: 'mr: Monsieur, ms: Madame, other: addressed by name only' }) civility: Civility | null;
  @ApiProperty({ nullable: true, type: String }) streetAddress: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 3166-1 alpha-2' }) country: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date, description: 'When the lead was created in the system it comes from' }) sourceCreatedAt: Date | null;
  @ApiProperty({ enum: LIFECYCLE_STAGES }) lifecycleStage: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) customFields: Record<string, unknown>;
  @ApiProperty({ type: ConsentsDto }) consent: ConsentsDto;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String }) timezone: string | null;
  @ApiProperty() score: number;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) deletedAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) mergedIntoId: string | null;
  @ApiProperty({ type: [String], description: 'Secondary emails (kept from merged leads)' }) otherEmails: string[];
  @ApiProperty({ type: [String], description: 'Secondary phones, E.164 (kept from merged leads)' }) otherPhones: string[];
}

export class ListLeadsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ description: 'Search in name, email, company and phone', example: 'martin' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(LIFECYCLE_STAGES, { each: true })
  lifecycleStage?: LifecycleStage[];
  @ApiPropertyOptional({ example: 'website' }) @IsOptional() @IsString() @MaxLength(100) source?: string;
  @ApiPropertyOptional({ example: 'salon-2026', description: 'Leads having this tag' }) @IsOptional() @IsString() @MaxLength(50) tag?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: CONSENT_STATUSES }) @IsOptional() @IsIn(CONSENT_STATUSES) emailConsent?: ConsentStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(-1_000_000) @Max(1_000_000) scoreMin?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(-1_000_000) @Max(1_000_000) scoreMax?: number;
  @ApiPropertyOptional({ example: 'saint-etienne', description: 'Leads in this city (case and accents ignored)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  city?: string;
  @ApiPropertyOptional({ example: '42', description: 'Leads whose postal code starts with this (a department: 42; a code: 42000)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(20)
  postalCode?: string;
  @ApiPropertyOptional({ type: [String], example: 'FR,BE', description: 'ISO 3166-1 alpha-2 codes, comma-separated, any case' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim().toUpperCase()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(50)
  @IsISO31661Alpha2({ each: true })
  country?: string[];
  @ApiPropertyOptional({ enum: CIVILITIES, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(CIVILITIES, { each: true })
  civility?: Civility[];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsIsoDateTime() createdFrom?: Date;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsIsoDateTime() createdTo?: Date;
  @ApiPropertyOptional({ enum: ['exclude', 'only'], default: 'exclude', description: 'Soft-deleted leads: hidden, or only them (the trash)' })
  @IsOptional()
  @IsIn(['exclude', 'only'])
  deleted: 'exclude' | 'only' = 'exclude';
  @ApiPropertyOptional({ enum: LEAD_SORTS, default: 'createdAt' }) @IsOptional() @IsIn(LEAD_SORTS) sort: (typeof LEAD_SORTS)[number] = 'createdAt';
}

export class LeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items: LeadDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}

export const BULK_ACTIONS = ['delete', 'restore', 'addTags', 'removeTags', 'update'] as const;

export class BulkChangesDto {
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES }) @IsOptional() @IsIn(LIFECYCLE_STAGES) lifecycleStage?: LifecycleStage;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() ownerId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) source?: string | null;
}

export class BulkLeadsDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 1000 }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsUUID('all', { each: true }) ids: string[];
  @ApiProperty({ enum: BULK_ACTIONS }) @IsIn(BULK_ACTIONS) action: (typeof BULK_ACTIONS)[number];
  @ApiPropertyOptional({ type: [String], description: 'For addTags / removeTags' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ type: BulkChangesDto, description: 'For update' }) @IsOptional() @ValidateNested() @Type(() => BulkChangesDto) changes?: BulkChangesDto;
}

export class BulkResultDto {
  @ApiProperty({ description: 'Leads changed (ids of other workspaces or already in that state are not counted)' }) affected: number;
}

export class CreateNoteDto {
  @ApiProperty({ maxLength: 5000 }) @Transform(trimString) @IsString() @MaxLength(5000) body: string;
}

export class TimelineItemDto {
  @ApiProperty({ example: 'event', description: 'Which history it comes from: `event`, `message`, `score`, `note` (more as modules add theirs)' }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ example: 'email.clicked', description: 'Event type, channel/status, score reason or note author' }) title: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor: the previous page\'s nextBefore' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  before?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 30 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 30;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineItemDto] }) items: TimelineItemDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as before for the next page; null on the last page' }) nextBefore: string | null;
}

export class DuplicateCandidateDto {
  @ApiProperty({ type: LeadDto }) lead: LeadDto;
  @ApiProperty({ type: [String], enum: ['phone', 'emailLocalPart', 'name', 'company'], isArray: true, description: 'Why it looks like the same person, strongest first' })
  reasons: string[];
}

export class DuplicateListDto {
  @ApiProperty({ type: [DuplicateCandidateDto] }) items: DuplicateCandidateDto[];
}
