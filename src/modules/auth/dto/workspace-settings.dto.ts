import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class WorkspaceSettingsDto {
  @ApiProperty({ type: String, nullable: true, example: 'FR', description: 'ISO 3166-1 alpha-2: the country a new lead gets when its source gives none (null: none)' })
  defaultCountry: string | null;
}

export class UpdateWorkspaceSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR', description: 'ISO 3166-1 alpha-2, any case; null to have no default' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  defaultCountry?: string | null;
}
