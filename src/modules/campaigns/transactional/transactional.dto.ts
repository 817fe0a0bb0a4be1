import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsObject, IsUUID, MaxLength } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';

export class TransactionalSendDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() templateId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The lead to send to (its email, personalised with its fields); exactly one of leadId and to' }) @IsOptionalNotNull() @IsUUID() leadId?: string;
  @ApiPropertyOptional({ format: 'email', description: 'An address to send to without a lead (lead variables are empty: their fallbacks show)' }) @IsOptionalNotNull() @Transform(trimString) @IsEmail() @MaxLength(254) to?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Values for the template\'s {{data.<key>}} variables (at most 32 KB)' }) @IsOptionalNotNull() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the workspace\'s default sender' }) @IsOptionalNotNull() @IsUUID() senderId?: string;
}
