import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { READERS, WRITERS } from '../shared/roles.js';
import { CreateProductDto, ListProductsQueryDto, ProductDto, ProductPageDto, UpdateProductDto } from './product.dto.js';
import { ProductsService } from './products.service.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('Products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'Search and filter products (newest first, cursor pagination)', operationId: 'listProducts' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: ListProductsQueryDto): Promise<ProductPageDto> {
    return this.products.list(tenantId, query);
  }

  @Post()
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Create a product (SKU unique in the workspace)', operationId: 'createProduct' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblems(400, 401, 403, 409)
  create(@TenantId() tenantId: string, @Body() dto: CreateProductDto): Promise<ProductDto> {
    return this.products.create(tenantId, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'One product', operationId: 'getProduct' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<ProductDto> {
    return this.products.get(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Change a product (only the fields given; null clears an optional one)', operationId: 'updateProduct' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: UpdateProductDto): Promise<ProductDto> {
    return this.products.update(tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('catalog:write')
  @ApiOperation({ summary: 'Delete a product (soft delete; its SKU becomes free again)', operationId: 'deleteProduct' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.products.remove(tenantId, id);
  }
}
