import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { IsIsoDateTime } from '../../../common/http/dates.js';

const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;

export class AuditLogQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ example: 'api_key.created' }) @IsOptional() @IsString() @MaxLength(100) action?: string;
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
