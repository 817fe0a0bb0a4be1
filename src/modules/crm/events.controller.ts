import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { IngestEventsDto, IngestResultDto } from './dto/event.dto.js';
import { EventIngestionService } from './event-ingestion.service.js';

@ApiTags('Events')
@Controller('events')
export class EventsController {
  constructor(private readonly ingestion: EventIngestionService) {}

  @Post()
  @HttpCode(200)
  @Roles('owner', 'admin', 'marketer')
  @Scopes('events:write')
  @ApiOperation({
    summary: 'Send up to 1,000 behaviour events (idempotent by event id)',
    description: 'Each event names its lead by id, by email (the lead is created when new) or by an anonymous id. Invalid events are listed in `rejected`; the others are stored.',
    operationId: 'ingestEvents',
  })
  @ApiOkResponse({ type: IngestResultDto })
  @ApiProblems(400, 401, 403, 413)
  ingest(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: IngestEventsDto): Promise<IngestResultDto> {
    return this.ingestion.ingest(tenantId, actor, dto.events);
  }
}
