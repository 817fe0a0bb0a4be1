import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { MessageDto } from '../../channels/messages/message.dto.js';
import { TransactionalSendDto } from './transactional.dto.js';
import { TransactionalService } from './transactional.service.js';

@ApiTags('Messages')
@Controller('messages')
export class TransactionalController {
  constructor(private readonly transactional: TransactionalService) {}

  @Post('transactional')
  @HttpCode(202)
  @Roles('owner', 'admin', 'marketer')
  @Scopes('campaigns:write')
  @ApiOperation({
    summary: 'Send one templated email to a lead or an address (asynchronous, idempotent)',
    description:
      'Answers 202 with the queued message; follow it with GET /messages/{id} (queued → sending → sent | failed | suppressed, with a reason). ' +
      'The Idempotency-Key header is required: the same key with the same body answers the first message (header Idempotency-Replayed: true) and never sends twice; ' +
      'the same key with another body is a 422. Suppressed addresses and leads who denied email consent end `suppressed`; temporary SMTP refusals are retried with backoff.',
    operationId: 'sendTransactional',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per email you mean to send (e.g. a UUID, or your order id)' })
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async send(
    @TenantId() tenantId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: TransactionalSendDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageDto> {
    const { message, replayed } = await this.transactional.send(tenantId, idempotencyKey, dto);
    if (replayed) reply.header('idempotency-replayed', 'true');
    return message;
  }
}
