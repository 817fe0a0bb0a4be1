import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { EventTypeListDto, EventTypesQueryDto, IngestEventsDto, IngestResultDto } from './dto/event.dto.js';
import { EventIngestionService } from './event-ingestion.service.js';
import { EventTypesService } from './event-types.service.js';

@ApiTags('Events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly ingestion: EventIngestionService,
    private readonly types: EventTypesService,
  ) {}

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

  @Get('types')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @ApiOperation({
    summary: 'Event types of the workspace, with counts, and the platform\'s own',
    description: 'For pickers (segment and scoring conditions): the types the workspace\'s events have, the most frequent first, then the types the platform knows that it has not sent yet. Counts are kept as events arrive, so this is cheap at any volume.',
    operationId: 'listEventTypes',
  })
  @ApiOkResponse({ type: EventTypeListDto })
  @ApiProblems(400, 401, 403)
  listTypes(@TenantId() tenantId: string, @Query() query: EventTypesQueryDto): Promise<EventTypeListDto> {
    return this.types.list(tenantId, query);
  }
}
