import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { MessageDto } from './message.dto.js';
import { MessagesService } from './messages.service.js';

@ApiTags('Messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get(':id')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'One message and its delivery status', operationId: 'getMessage' })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<MessageDto> {
    return this.messages.get(tenantId, id);
  }
}
