import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import {
  BulkLeadsDto,
  BulkResultDto,
  CreateNoteDto,
  DuplicateListDto,
  LeadDto,
  LeadInputDto,
  LeadPageDto,
  ListLeadsQueryDto,
  TimelineDto,
  TimelineItemDto,
  TimelineQueryDto,
} from './dto/lead.dto.js';
import { MergeLeadsDto, MergeResultDto, UndoMergeResultDto } from './dto/lead-merge.dto.js';
import { LeadTimelineService } from './history/lead-timeline.service.js';
import { LeadMergeService } from './merge/lead-merge.service.js';
import { LeadsService } from './leads.service.js';

const READERS = ['owner', 'admin', 'marketer', 'viewer'] as const;
const WRITERS = ['owner', 'admin', 'marketer'] as const;
const uuid = () => new ParseUUIDPipe();

@ApiTags('Leads')
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly timelines: LeadTimelineService,
    private readonly merges: LeadMergeService,
  ) {}

  @Get()
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Search and filter the workspace\'s leads (cursor pagination)', operationId: 'listLeads' })
  @ApiOkResponse({ type: LeadPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: ListLeadsQueryDto): Promise<LeadPageDto> {
    return this.leads.list(tenantId, query);
  }

  @Post()
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Create a lead (an email or a phone number is required)', operationId: 'createLead' })
  @ApiCreatedResponse({ type: LeadDto })
  @ApiProblems(400, 401, 403, 409)
  create(@TenantId() tenantId: string, @Body() dto: LeadInputDto): Promise<LeadDto> {
    return this.leads.create(tenantId, dto);
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Delete, restore, tag, untag or update up to 1,000 leads at once', operationId: 'bulkLeads' })
  @ApiOkResponse({ type: BulkResultDto })
  @ApiProblems(400, 401, 403)
  bulk(@TenantId() tenantId: string, @Body() dto: BulkLeadsDto): Promise<BulkResultDto> {
    return this.leads.bulk(tenantId, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'One lead', operationId: 'getLead' })
  @ApiOkResponse({ type: LeadDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<LeadDto> {
    return this.leads.get(tenantId, id);
  }

  @Get(':id/duplicates')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Leads that look like the same person (same phone, email name or full name), to merge', operationId: 'leadDuplicates' })
  @ApiOkResponse({ type: DuplicateListDto })
  @ApiProblems(400, 401, 403, 404)
  duplicates(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<DuplicateListDto> {
    return this.leads.duplicates(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Change a lead (null clears a field)', operationId: 'updateLead' })
  @ApiOkResponse({ type: LeadDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: LeadInputDto): Promise<LeadDto> {
    return this.leads.update(tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Move a lead to the trash (restorable)', operationId: 'deleteLead' })
  @ApiNoContentResponse({ description: 'In the trash' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.leads.remove(tenantId, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Bring a lead back from the trash', operationId: 'restoreLead' })
  @ApiOkResponse({ type: LeadDto })
  @ApiProblems(400, 401, 403, 404)
  restore(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<LeadDto> {
    return this.leads.restore(tenantId, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Merge a duplicate into this lead, choosing field by field which value stays (its history moves over; undoable)', operationId: 'mergeLeads' })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  merge(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: MergeLeadsDto): Promise<MergeResultDto> {
    return this.merges.merge(tenantId, id, dto);
  }

  @Post('merges/:mergeId/undo')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Undo a merge: both leads as they were, their history back where it was (once)', operationId: 'undoLeadMerge' })
  @ApiOkResponse({ type: UndoMergeResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  undoMerge(@TenantId() tenantId: string, @Param('mergeId', uuid()) mergeId: string): Promise<UndoMergeResultDto> {
    return this.merges.undo(tenantId, mergeId);
  }

  @Get(':id/timeline')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Events, messages, score changes and notes of a lead, newest first', operationId: 'leadTimeline' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(400, 401, 403, 404)
  timeline(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Query() query: TimelineQueryDto): Promise<TimelineDto> {
    return this.timelines.timeline(tenantId, id, query);
  }

  @Post(':id/notes')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Add a note to a lead', operationId: 'addLeadNote' })
  @ApiCreatedResponse({ type: TimelineItemDto })
  @ApiProblems(400, 401, 403, 404)
  addNote(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: CreateNoteDto): Promise<TimelineItemDto> {
    return this.leads.addNote(tenantId, actor, id, dto.body);
  }
}
