import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { trimString } from '../../../common/http/transforms.js';
import { IsIsoDateTime } from '../../../common/http/dates.js';

/** 1 to 200 characters, none of them a control, format or unassigned code point (\p{C}). */
const EVENT_ID = /^[^\p{C}]{1,200}$/u;

export class EventLeadRefDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() id?: string;
  @ApiPropertyOptional({ example: 'camille.martin@exemple.fr', description: 'Identifies (and creates if new) the lead' }) @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: 'anon-7f3a', description: 'A visitor not identified yet; linked to the lead once an event names both' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  anonymousId?: string;
}

export class EventInputDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'ajs-next-1732096800000-4f1b2c3d',
    description: 'Your id for the event (a UUID, a Segment or RudderStack messageId…; 1–200 printable characters): sending it again with the same occurredAt is a no-op. Ids are per workspace.',
  })
  @IsOptional()
  @IsString()
  @Matches(EVENT_ID, { message: 'id must be 1 to 200 printable characters' })
  id?: string;
  @ApiProperty({ example: 'email.clicked', description: 'Lower-case words separated by dots, dashes or underscores' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_.-]{0,99}$/, { message: 'type must be lower-case letters, digits, ".", "_" or "-" (max 100)' })
  type: string;
  @ApiProperty({ type: EventLeadRefDto }) @ValidateNested() @Type(() => EventLeadRefDto) lead: EventLeadRefDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { url: 'https://exemple.fr/offre' } }) @IsOptional() @IsObject() properties?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2026-11-20T10:00:00Z', description: 'ISO 8601 with an offset, years 1–9999' }) @IsIsoDateTime({ requireOffset: true }) occurredAt: Date;
}

export class IngestEventsDto {
  @ApiProperty({ type: [EventInputDto], maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => EventInputDto)
  events: EventInputDto[];
}

export class RejectedEventDto {
  @ApiProperty({ description: 'Position in the batch' }) index: number;
  @ApiProperty({ example: 'LEAD_NOT_FOUND' }) code: string;
  @ApiProperty() message: string;
}

export class IngestResultDto {
  @ApiProperty({ description: 'New events stored' }) accepted: number;
  @ApiProperty({ description: 'Events this workspace already sent (same id and time): ignored' }) duplicates: number;
  @ApiProperty({ type: [RejectedEventDto] }) rejected: RejectedEventDto[];
  @ApiProperty({ description: 'Leads created from new emails' }) leadsCreated: number;
}

export class EventTypesQueryDto {
  @ApiPropertyOptional({ maxLength: 100, example: 'email', description: 'Only types containing this (case-insensitive)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200, description: "How many of the workspace's own types, the most frequent first" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 200;
}

export class EventTypeDto {
  @ApiProperty({ example: 'email.clicked' }) type: string;
  @ApiProperty({ description: 'Events of this type the workspace has (0 for a platform type not sent yet)' }) events: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the latest of them happened' }) lastOccurredAt: Date | null;
  @ApiProperty({ description: 'A type the platform itself knows (shown by name in the app); the others are your own' }) platform: boolean;
}

export class EventTypeListDto {
  @ApiProperty({ type: [EventTypeDto], description: "The workspace's own types, the most frequent first, then the platform's types it has not sent yet" })
  items: EventTypeDto[];
}
