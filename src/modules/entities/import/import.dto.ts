import { ApiProperty } from '@nestjs/swagger';

export class RejectedRowDto {
  @ApiProperty({ example: 7, description: 'Line of the file (the header is line 1)' }) line: number;
  @ApiProperty({ type: [String], example: ['currency must be an ISO 4217 code such as EUR'] }) reasons: string[];
}

export class ImportResultDto {
  @ApiProperty({ description: 'Rows that created a new record' }) created: number;
  @ApiProperty({ description: 'Rows that changed an existing record (matched by SKU or reference)' }) updated: number;
  @ApiProperty({ description: 'Rows identical to the stored record (re-importing a file changes nothing)' }) unchanged: number;
  @ApiProperty({ description: 'Number of rejected rows' }) rejectedTotal: number;
  @ApiProperty({ type: [RejectedRowDto], description: 'Rejected rows with reasons (the first 1,000)' }) rejected: RejectedRowDto[];
  @ApiProperty({ type: [String], description: 'Header columns that matched no field' }) ignoredColumns: string[];
  @ApiProperty({ enum: ['utf-8', 'latin-1'] }) encoding: string;
  @ApiProperty({ example: ';' }) delimiter: string;
}

/** OpenAPI body of the import endpoints: the CSV file itself. */
export const CSV_BODY = {
  description:
    'The CSV file as the request body (Content-Type: text/csv), at most 10 MB, UTF-8 or Latin-1, separated by `,` `;` or tab. ' +
    'The first line names the columns (English or French names; `price` in major units or `priceMinor`; `attr.<name>` columns fill attributes). ' +
    'Rows upsert by key; a column present with an empty cell clears that field, a column absent leaves it unchanged.',
  required: true,
  content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
};
