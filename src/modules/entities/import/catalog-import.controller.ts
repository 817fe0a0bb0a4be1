import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { RawBody } from '../../../common/http/raw-body.js';
import { WRITERS } from '../shared/roles.js';
import { CatalogImportService } from './catalog-import.service.js';
import { CSV_BODY, ImportResultDto } from './import.dto.js';

/** @RawBody('csv') lets only a CSV body through, read whole into a Buffer. */
const csvOf = (req: FastifyRequest): Buffer => req.body as Buffer;

@Controller()
export class CatalogImportController {
  constructor(private readonly imports: CatalogImportService) {}

  @Post('products/import')
  @ApiTags('Products')
  @HttpCode(200)
  @RawBody('csv')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Import products from CSV (upsert by SKU; synchronous, up to 10 MB)', operationId: 'importProducts' })
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 401, 403, 413, 415)
  importProducts(@TenantId() tenantId: string, @Req() req: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.importProducts(tenantId, csvOf(req));
  }

  @Post('properties/import')
  @ApiTags('Properties')
  @HttpCode(200)
  @RawBody('csv')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Import real-estate listings from CSV (upsert by reference; synchronous, up to 10 MB)', operationId: 'importProperties' })
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 401, 403, 413, 415)
  importProperties(@TenantId() tenantId: string, @Req() req: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.importProperties(tenantId, csvOf(req));
  }
}
