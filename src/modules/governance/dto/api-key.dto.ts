import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SCOPE_NAMES } from '../../../common/auth/scopes.js';
import { IsIsoDateTime } from '../../../common/http/dates.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Website form', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: SCOPE_NAMES, isArray: true, example: ['leads:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPE_NAMES.length)
  @IsIn(SCOPE_NAMES, { each: true })
  scopes: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working' })
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: Date;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'lyn_Ab3dE9xQ', description: 'First characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ type: [String], example: ['leads:read'] }) scopes: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) expiresAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The secret key. Shown this once: store it now.', example: 'lyn_Ab3dE9xQ…' }) key: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items: ApiKeyDto[];
}

export class ApiScopeDto {
  @ApiProperty({ example: 'leads:read' }) scope: string;
  @ApiProperty() description: string;
}

export class ApiScopeListDto {
  @ApiProperty({ type: [ApiScopeDto] }) items: ApiScopeDto[];
}
