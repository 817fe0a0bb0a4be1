import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Roles, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyListDto, ApiScopeListDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

@ApiTags('API keys')
@Controller('api-keys')
@Roles('owner', 'admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get('scopes')
  @ApiOperation({ summary: 'Scopes an API key can be given', operationId: 'listApiKeyScopes' })
  @ApiOkResponse({ type: ApiScopeListDto })
  @ApiProblems(401, 403)
  scopes(): ApiScopeListDto {
    return this.keys.scopes();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key (the secret is returned once)', operationId: 'createApiKey' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 401, 403)
  create(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(tenantId, actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never their secrets)', operationId: 'listApiKeys' })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<ApiKeyListDto> {
    return this.keys.list(tenantId);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key, effective immediately', operationId: 'revokeApiKey' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404)
  async revoke(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.keys.revoke(tenantId, id);
  }
}
