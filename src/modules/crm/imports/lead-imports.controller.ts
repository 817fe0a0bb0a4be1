import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { RawBody } from '../../../common/http/raw-body.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { ListLeadsQueryDto } from '../dto/lead.dto.js';
import { ImportFileNameQueryDto, LeadImportDetailDto, LeadImportDto, LeadImportListDto, LeadImportPreviewDto, StartImportDto } from './lead-import.dto.js';
import { LeadExportService } from './lead-export.service.js';
import { LeadImportsService } from './lead-imports.service.js';

const WRITERS = ['owner', 'admin', 'marketer'] as const;

export class ExportQueryDto extends ListLeadsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Export this segment\'s leads instead of a filter' })
  @IsOptional()
  @IsUUID()
  segmentId?: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'en', description: '`fr`: `;` separator, French headers, decimal comma' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  locale?: 'fr' | 'en';
}

@ApiTags('Lead import and export')
@Controller('leads')
export class LeadImportsController {
  constructor(
    private readonly imports: LeadImportsService,
    private readonly exporter: LeadExportService,
  ) {}

  @Post('imports')
  @RawBody('stream')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV file itself (UTF-8, UTF-8 with BOM or Latin-1; `,` `;` tab or `|` separated), streamed', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Upload a lead CSV: returns its columns with a suggested mapping, to check before starting', operationId: 'uploadLeadImport' })
  @ApiCreatedResponse({ type: LeadImportPreviewDto })
  @ApiProblems(400, 401, 403, 413, 415, 422)
  upload(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Query() query: ImportFileNameQueryDto, @Req() req: FastifyRequest): Promise<LeadImportPreviewDto> {
    return this.imports.upload(tenantId, actor, query.fileName ?? 'import.csv', req.body as Readable);
  }

  @Get('imports')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Recent lead imports', operationId: 'listLeadImports' })
  @ApiOkResponse({ type: LeadImportListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<LeadImportListDto> {
    return this.imports.list(tenantId);
  }

  @Get('imports/:id')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'One lead import: mapping, status and counts (and its first rows while it waits for its mapping)', operationId: 'getLeadImport' })
  @ApiOkResponse({ type: LeadImportDetailDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<LeadImportDetailDto> {
    return this.imports.get(tenantId, id);
  }

  @Delete('imports/:id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({
    summary: 'Delete an import that is not queued or running (an upload left unmapped, or a finished import) with its files; the leads it imported stay',
    operationId: 'deleteLeadImport',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  remove(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.imports.remove(tenantId, id);
  }

  @Post('imports/:id/start')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Start the import with the suggested mapping, optionally overridden per column', operationId: 'startLeadImport' })
  @ApiOkResponse({ type: LeadImportDto })
  @ApiProblems(400, 401, 403, 404, 409, 410)
  start(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StartImportDto): Promise<LeadImportDto> {
    return this.imports.start(tenantId, actor, id, dto.mapping);
  }

  @Get('imports/:id/rejected.csv')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The rejected rows of an import, with their line numbers and reasons', operationId: 'leadImportRejectedRows' })
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403, 404, 410)
  async rejected(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const stream = await this.imports.report(tenantId, id);
    void reply.header('content-disposition', `attachment; filename="import-${id.slice(0, 8)}-rejected.csv"`);
    return new StreamableFile(stream);
  }

  @Get('imports/:id/warnings.csv')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The values an import left out of the rows it kept: line, column, value, code, reason', operationId: 'leadImportWarnings' })
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403, 404, 410)
  async warnings(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const stream = await this.imports.warnings(tenantId, id);
    void reply.header('content-disposition', `attachment; filename="import-${id.slice(0, 8)}-warnings.csv"`);
    return new StreamableFile(stream);
  }

  @Get('export.csv')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Export the leads matching the same filters as GET /leads, or a segment, as CSV (streamed)', operationId: 'exportLeads' })
  @ApiOkResponse({ description: 'CSV with a header row; `locale=fr` gives `;` and French headers', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403)
  async export(@TenantId() tenantId: string, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { locale, segmentId, ...filters } = query;
    const stream = segmentId
      ? await this.exporter.exportSegment(tenantId, segmentId, locale ?? 'en')
      : await this.exporter.export(tenantId, filters as ListLeadsQueryDto, locale ?? 'en');
    void reply.header('content-disposition', `attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`);
    return new StreamableFile(stream);
  }
}
