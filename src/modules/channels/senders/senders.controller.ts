import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { CreateSenderDto, SenderDto, SenderListDto, SenderTestResultDto, TestSenderDto, UpdateSenderDto } from './sender.dto.js';
import { SendersService } from './senders.service.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('Senders')
@Controller('senders')
export class SendersController {
  constructor(private readonly senders: SendersService) {}

  @Get()
  @Roles('owner', 'admin', 'marketer')
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'The workspace\'s email senders (default first); passwords are never returned', operationId: 'listSenders' })
  @ApiOkResponse({ type: SenderListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<SenderListDto> {
    return this.senders.list(tenantId);
  }

  @Post()
  @Roles('owner', 'admin')
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Add an SMTP sender (the first one becomes the default); with `dkim`, a signing key is generated and the DNS record to publish is returned', operationId: 'createSender' })
  @ApiCreatedResponse({ type: SenderDto })
  @ApiProblems(400, 401, 403, 409)
  create(@TenantId() tenantId: string, @Body() dto: CreateSenderDto): Promise<SenderDto> {
    return this.senders.create(tenantId, dto);
  }

  @Get(':id')
  @Roles('owner', 'admin', 'marketer')
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'One sender, with its DKIM DNS record when it signs', operationId: 'getSender' })
  @ApiOkResponse({ type: SenderDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<SenderDto> {
    return this.senders.get(tenantId, id);
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Change a sender (only the fields given); its pooled connections are rebuilt', operationId: 'updateSender' })
  @ApiOkResponse({ type: SenderDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: UpdateSenderDto): Promise<SenderDto> {
    return this.senders.update(tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Delete a sender', operationId: 'deleteSender' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.senders.remove(tenantId, id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @Scopes('campaigns:write')
  @ApiOperation({
    summary: 'Connect, authenticate and send a test email (to the member asking, or `to`)',
    description: 'Always 200 once the sender exists: `ok` says whether the server accepted the email; otherwise `problem` names what failed (auth refused, connection refused, timeout, TLS mismatch, recipient refused…) with the server\'s reply line.',
    operationId: 'testSender',
  })
  @ApiOkResponse({ type: SenderTestResultDto })
  @ApiProblems(400, 401, 403, 404)
  test(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: TestSenderDto): Promise<SenderTestResultDto> {
    return this.senders.test(tenantId, actor, id, dto.to);
  }
}
