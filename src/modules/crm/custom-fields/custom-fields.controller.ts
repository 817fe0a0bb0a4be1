import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { CreateCustomFieldDto, CustomFieldDto, CustomFieldListDto, UpdateCustomFieldDto } from './custom-field.dto.js';
import { CustomFieldsService } from './custom-fields.service.js';

@ApiTags('Custom fields')
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  @Get()
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Custom lead fields of this workspace', operationId: 'listCustomFields' })
  @ApiOkResponse({ type: CustomFieldListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<CustomFieldListDto> {
    return this.fields.list(tenantId);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Define a custom lead field', operationId: 'createCustomField' })
  @ApiCreatedResponse({ type: CustomFieldDto })
  @ApiProblems(400, 401, 403, 409)
  create(@TenantId() tenantId: string, @Body() dto: CreateCustomFieldDto): Promise<CustomFieldDto> {
    return this.fields.create(tenantId, dto);
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Rename, reorder or change the options of a custom field', operationId: 'updateCustomField' })
  @ApiOkResponse({ type: CustomFieldDto })
  @ApiProblems(400, 401, 403, 404)
  update(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCustomFieldDto): Promise<CustomFieldDto> {
    return this.fields.update(tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a custom field and its values on every lead', operationId: 'deleteCustomField' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.fields.remove(tenantId, id);
  }
}
