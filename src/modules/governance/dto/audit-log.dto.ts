import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { IsIsoDateTime } from '../../../common/http/dates.js';

const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;

/** A comma list (or the parameter repeated): one or several values. */
const commaList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : [v]));

export class AuditLogQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ type: [String], example: ['api_key.created', 'api_key.revoked'], description: 'One or several actions, comma-separated: entries with any of them' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(100)
  @Matches(/^[a-z][a-z0-9_.]{0,99}$/, { each: true, message: 'each action is lower-case letters, digits, "_" and "." (at most 100)' })
  action?: string[];
  @ApiPropertyOptional({ example: 'api_key' }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ enum: ACTOR_TYPES }) @IsOptional() @IsIn(ACTOR_TYPES) actorType?: (typeof ACTOR_TYPES)[number];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsIsoDateTime() from?: Date;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsIsoDateTime() to?: Date;
}

export class AuditLogDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: Date;
  @ApiProperty({ enum: ACTOR_TYPES }) actorType: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorLabel: string | null;
  @ApiProperty({ example: 'api_key.created' }) action: string;
  @ApiProperty({ example: 'api_key' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogDto] }) items: AuditLogDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
