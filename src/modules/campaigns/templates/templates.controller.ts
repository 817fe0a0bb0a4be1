import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { MessageDto } from '../../channels/messages/message.dto.js';
import { TransactionalService } from '../transactional/transactional.service.js';
import {
  CreateTemplateDto, ListTemplatesQueryDto, PERSONALISATION_DOC, PreviewTemplateDto, RenderedEmailDto, TemplateDto, TemplatePageDto, TestSendTemplateDto, UpdateTemplateDto, VariablesDto,
} from './template.dto.js';
import { TemplatesService } from './templates.service.js';

const uuid = () => new ParseUUIDPipe();
const READERS = ['owner', 'admin', 'marketer', 'viewer'] as const;
const WRITERS = ['owner', 'admin', 'marketer'] as const;
const userOf = (actor: Actor) => (actor.type === 'user' ? actor.id : null);

@ApiTags('Templates')
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly transactional: TransactionalService,
  ) {}

  @Get()
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'Email templates, last saved first (cursor pagination)', operationId: 'listTemplates' })
  @ApiOkResponse({ type: TemplatePageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() q: ListTemplatesQueryDto): Promise<TemplatePageDto> {
    return this.templates.list(tenantId, q);
  }

  @Get('variables')
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'The personalisation variables a template may use in this workspace', description: PERSONALISATION_DOC, operationId: 'listTemplateVariables' })
  @ApiOkResponse({ type: VariablesDto })
  @ApiProblems(401, 403)
  variables(@TenantId() tenantId: string): Promise<VariablesDto> {
    return this.templates.variables(tenantId);
  }

  @Post()
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Create an email template (MJML compiled and personalisation checked first)', description: PERSONALISATION_DOC, operationId: 'createTemplate' })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiProblems(400, 401, 403)
  create(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: CreateTemplateDto): Promise<TemplateDto> {
    return this.templates.create(tenantId, userOf(actor), dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'One template with its MJML and editor project', operationId: 'getTemplate' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<TemplateDto> {
    return this.templates.get(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Change a template (only the fields given; checked like a new one)', description: PERSONALISATION_DOC, operationId: 'updateTemplate' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(400, 401, 403, 404)
  update(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: UpdateTemplateDto): Promise<TemplateDto> {
    return this.templates.update(tenantId, userOf(actor), id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Delete a template', operationId: 'deleteTemplate' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.templates.remove(tenantId, id);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'The template rendered for a lead: subject, HTML and text parts', operationId: 'previewTemplate' })
  @ApiOkResponse({ type: RenderedEmailDto })
  @ApiProblems(400, 401, 403, 404)
  preview(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: PreviewTemplateDto): Promise<RenderedEmailDto> {
    return this.templates.preview(tenantId, id, dto.leadId ?? null);
  }

  @Post(':id/test-send')
  @HttpCode(202)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Send the template to yourself (queued; follow it with GET /messages/{id})', operationId: 'testSendTemplate' })
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiProblems(400, 401, 403, 404)
  testSend(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: TestSendTemplateDto): Promise<MessageDto> {
    return this.transactional.testSend(tenantId, actor, id, dto);
  }
}
