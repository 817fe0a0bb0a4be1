import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '../../../common/http/transforms.js';

export class ColumnMappingInputDto {
  @ApiProperty({ description: 'Zero-based column index in the file' }) @IsInt() @Min(0) @Max(999) column: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'email',
    description: 'A lead field (email, firstName, lastName, phone, company, jobTitle, source, lifecycleStage, tags, language, timezone, emailConsent, smsConsent, whatsappConsent), `customField:<key>`, or null to ignore the column',
  })
  @IsOptional()
  @IsString()
  @Matches(/^(email|firstName|lastName|phone|company|jobTitle|source|lifecycleStage|tags|language|timezone|emailConsent|smsConsent|whatsappConsent|customField:[a-z][a-z0-9_]{0,39})$/, {
    message: 'field must be a lead field or customField:<key>',
  })
  field?: string | null;
}

export class StartImportDto {
  @ApiPropertyOptional({ type: [ColumnMappingInputDto], description: 'Overrides of the suggested mapping, by column' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingInputDto)
  mapping?: ColumnMappingInputDto[];
}

export class ColumnMappingDto {
  @ApiProperty() column: number;
  @ApiProperty() header: string;
  @ApiProperty({ nullable: true, type: String, example: 'email' }) field: string | null;
  @ApiProperty({ description: '0..1, how sure the automatic mapping is' }) confidence: number;
}

export class LeadImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ enum: ['utf8', 'utf8bom', 'latin1'] }) encoding: string;
  @ApiProperty({ example: ';' }) delimiter: string;
  @ApiProperty({ type: [String] }) headers: string[];
  @ApiProperty({ type: [ColumnMappingDto] }) mapping: ColumnMappingDto[];
  @ApiProperty({
    enum: ['uploaded', 'queued', 'running', 'completed', 'failed', 'expired'],
    description: '`expired`: not started within the file retention (IMPORT_FILE_RETENTION_DAYS) after upload; its file was deleted, upload it again',
  })
  status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Follow progress at GET /jobs/{jobId}' }) jobId: string | null;
  @ApiProperty() totalRows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'Whether GET /leads/imports/{id}/rejected.csv has rows (false once the report is deleted)' }) hasReport: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date, description: 'When the uploaded CSV was deleted (IMPORT_FILE_RETENTION_DAYS after the import finished, or after upload if never started)' })
  fileDeletedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date, description: 'When the rejected-rows report was deleted (IMPORT_REPORT_RETENTION_DAYS after the import finished)' })
  reportDeletedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) finishedAt: Date | null;
}

export class LeadImportPreviewDto extends LeadImportDto {
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'The first rows, as read' }) sampleRows: string[][];
}

export class LeadImportListDto {
  @ApiProperty({ type: [LeadImportDto] }) items: LeadImportDto[];
}

export class ImportFileNameQueryDto {
  @ApiPropertyOptional({ example: 'contacts-salon.csv' }) @IsOptional() @IsString() @MaxLength(200) fileName?: string;
}
