import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

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
  @ApiPropertyOptional({ format: 'uuid', description: 'Your id for the event: sending it again is a no-op' }) @IsOptional() @IsUUID() id?: string;
  @ApiProperty({ example: 'email.clicked', description: 'Lower-case words separated by dots, dashes or underscores' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_.-]{0,99}$/, { message: 'type must be lower-case letters, digits, ".", "_" or "-" (max 100)' })
  type: string;
  @ApiProperty({ type: EventLeadRefDto }) @ValidateNested() @Type(() => EventLeadRefDto) lead: EventLeadRefDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { url: 'https://exemple.fr/offre' } }) @IsOptional() @IsObject() properties?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) @Type(() => Date) @IsDate() occurredAt: Date;
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
  @ApiProperty({ description: 'Events already received (same id and time): ignored' }) duplicates: number;
  @ApiProperty({ type: [RejectedEventDto] }) rejected: RejectedEventDto[];
  @ApiProperty({ description: 'Leads created from new emails' }) leadsCreated: number;
}
