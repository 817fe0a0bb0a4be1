import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { READERS, WRITERS } from '../shared/roles.js';
import { CreatePropertyDto, ListPropertiesQueryDto, PropertyDto, PropertyPageDto, UpdatePropertyDto } from './property.dto.js';
import { PropertiesService } from './properties.service.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('Properties')
@Controller('properties')
export class PropertiesController {
  constructor(private readonly properties: PropertiesService) {}

  @Get()
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'Search and filter real-estate listings (newest first, cursor pagination)', operationId: 'listProperties' })
  @ApiOkResponse({ type: PropertyPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: ListPropertiesQueryDto): Promise<PropertyPageDto> {
    return this.properties.list(tenantId, query);
  }

  @Post()
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Create a real-estate listing (reference unique in the workspace)', operationId: 'createProperty' })
  @ApiCreatedResponse({ type: PropertyDto })
  @ApiProblems(400, 401, 403, 409)
  create(@TenantId() tenantId: string, @Body() dto: CreatePropertyDto): Promise<PropertyDto> {
    return this.properties.create(tenantId, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'One real-estate listing', operationId: 'getProperty' })
  @ApiOkResponse({ type: PropertyDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<PropertyDto> {
    return this.properties.get(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Change a listing (only the fields given; null clears an optional one)', operationId: 'updateProperty' })
  @ApiOkResponse({ type: PropertyDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: UpdatePropertyDto): Promise<PropertyDto> {
    return this.properties.update(tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Delete a listing (soft delete; its reference becomes free again)', operationId: 'deleteProperty' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.properties.remove(tenantId, id);
  }
}
