import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { READERS, WRITERS } from '../shared/roles.js';
import { GalleryService } from './gallery.service.js';
import { GalleryDto, GalleryOrderDto } from './media.dto.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('Media')
@Controller()
export class GalleryController {
  constructor(private readonly galleries: GalleryService) {}

  @Get('products/:id/media')
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: "A product's photos and documents in their chosen order (the first image is its main photo)", operationId: 'getProductGallery' })
  @ApiOkResponse({ type: GalleryDto })
  @ApiProblems(400, 401, 403, 404)
  product(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<GalleryDto> {
    return this.galleries.list(tenantId, 'product', id);
  }

  @Put('products/:id/media/order')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({
    summary: "Reorder a product's gallery: the media given go first, in that order (give one to make it the main photo)",
    operationId: 'reorderProductGallery',
  })
  @ApiOkResponse({ type: GalleryDto })
  @ApiProblems(400, 401, 403, 404)
  reorderProduct(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: GalleryOrderDto): Promise<GalleryDto> {
    return this.galleries.reorder(tenantId, 'product', id, dto);
  }

  @Get('properties/:id/media')
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: "A property's photos and documents in their chosen order (the first image is its main photo)", operationId: 'getPropertyGallery' })
  @ApiOkResponse({ type: GalleryDto })
  @ApiProblems(400, 401, 403, 404)
  property(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<GalleryDto> {
    return this.galleries.list(tenantId, 'property', id);
  }

  @Put('properties/:id/media/order')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({
    summary: "Reorder a property's gallery: the media given go first, in that order (give one to make it the main photo)",
    operationId: 'reorderPropertyGallery',
  })
  @ApiOkResponse({ type: GalleryDto })
  @ApiProblems(400, 401, 403, 404)
  reorderProperty(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: GalleryOrderDto): Promise<GalleryDto> {
    return this.galleries.reorder(tenantId, 'property', id, dto);
  }
}
