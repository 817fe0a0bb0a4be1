import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '../../../common/http/transforms.js';
import { STANDARD_LEAD_FIELDS } from '../import/mapping.js';

const MAPPING_TARGET = new RegExp(`^(${STANDARD_LEAD_FIELDS.join('|')}|customField:[a-z][a-z0-9_]{0,39})$`);

export class ColumnMappingInputDto {
  @ApiProperty({ description: 'Zero-based column index in the file' }) @IsInt() @Min(0) @Max(999) column: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'email',
    description: `A lead field (${STANDARD_LEAD_FIELDS.join(', ')}), \`customField:<key>\`, or null to ignore the column`,
  })
  @IsOptional()
  @IsString()
  @Matches(MAPPING_TARGET, {
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

export class CellWarningDto {
  @ApiProperty({ description: 'CSV line (1-based, the header is line 1)' }) line: number;
  @ApiProperty({ description: 'Zero-based column of the file' }) column: number;
  @ApiProperty({ description: "The column's header" }) header: string;
  @ApiProperty({ description: 'The value left out, as read' }) value: string;
  @ApiProperty({ example: 'invalid_email' }) code: string;
  @ApiProperty() message: string;
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
  @ApiProperty({ description: 'Rows read (header excluded), known once the import has finished: created + updated + unchanged + merged + rejected' }) totalRows: number;
  @ApiProperty({ description: 'Leads created' }) created: number;
  @ApiProperty({ description: 'Existing leads changed' }) updated: number;
  @ApiProperty({ description: 'Rows that matched a lead and changed nothing' }) unchanged: number;
  @ApiProperty({ description: 'Rows whose lead is neither a valid email nor a valid phone: not imported, listed in rejected.csv' }) rejected: number;
  @ApiProperty({
    description: 'Rows merged into an earlier row of the same lead (same email, or same phone without email) in the same batch of 5,000 leads of this file; a duplicate further away updates the lead its earlier row created, with the same result',
  })
  merged: number;
  @ApiProperty({ description: 'Rows imported with at least one value left out (they are also counted as created, updated, unchanged or merged)' }) warned: number;
  @ApiProperty({ description: 'Values left out over all rows: the lines of warnings.csv' }) warningCells: number;
  @ApiProperty({ type: [CellWarningDto], description: 'The first 50 values left out' }) warningSamples: CellWarningDto[];
  @ApiProperty({ description: 'Whether GET /leads/imports/{id}/rejected.csv has rows (false once the report is deleted)' }) hasReport: boolean;
  @ApiProperty({ description: 'Whether GET /leads/imports/{id}/warnings.csv has values left out (false once the report is deleted)' }) hasWarningsReport: boolean;
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

export class LeadImportDetailDto extends LeadImportDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'While the import waits for its mapping (`uploaded`): the first rows, read again from the stored file' })
  sampleRows?: string[][];
}

export class LeadImportListDto {
  @ApiProperty({ type: [LeadImportDto] }) items: LeadImportDto[];
  @ApiProperty({ description: 'The largest file an upload may have, in bytes (IMPORT_MAX_BYTES)', example: 524288000 }) maxBytes: number;
}

export class ImportFileNameQueryDto {
  @ApiPropertyOptional({ example: 'contacts-salon.csv' }) @IsOptional() @IsString() @MaxLength(200) fileName?: string;
}
