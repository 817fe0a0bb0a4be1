import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Roles } from '../../../common/auth/decorators.js';
import { CommonError } from '../../../common/errors/domain-error.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { CreateLeadViewDto, LeadViewDto, LeadViewListDto, UpdateLeadViewDto } from './lead-view.dto.js';
import { LeadViewsService } from './lead-views.service.js';

const MEMBERS = ['owner', 'admin', 'marketer', 'viewer'] as const;
const uuid = () => new ParseUUIDPipe();

/** Views belong to members: no @Scopes, so API keys are refused by the guard; this narrows the type. */
function member(actor: Actor): Extract<Actor, { type: 'user' }> {
  if (actor.type !== 'user') throw new CommonError('FORBIDDEN', 'Saved views belong to members.');
  return actor;
}

@ApiTags('Lead views')
@Controller('lead-views')
export class LeadViewsController {
  constructor(private readonly views: LeadViewsService) {}

  @Get()
  @Roles(...MEMBERS)
  @ApiOperation({ summary: 'Saved views of the lead list: the caller\'s own and the workspace\'s shared ones', operationId: 'listLeadViews' })
  @ApiOkResponse({ type: LeadViewListDto })
  @ApiProblems(401, 403)
  list(@CurrentActor() actor: Actor): Promise<LeadViewListDto> {
    return this.views.list(actor.tenantId, member(actor));
  }

  @Post()
  @Roles(...MEMBERS)
  @ApiOperation({ summary: 'Save a view of the lead list (filters, columns, sort)', operationId: 'createLeadView' })
  @ApiCreatedResponse({ type: LeadViewDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLeadViewDto): Promise<LeadViewDto> {
    return this.views.create(actor.tenantId, member(actor), dto);
  }

  @Get(':id')
  @Roles(...MEMBERS)
  @ApiOperation({ summary: 'One saved view (own or shared)', operationId: 'getLeadView' })
  @ApiOkResponse({ type: LeadViewDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', uuid()) id: string): Promise<LeadViewDto> {
    return this.views.get(actor.tenantId, member(actor), id);
  }

  @Patch(':id')
  @Roles(...MEMBERS)
  @ApiOperation({ summary: 'Change a saved view (its owner, or an admin for a shared one)', operationId: 'updateLeadView' })
  @ApiOkResponse({ type: LeadViewDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: UpdateLeadViewDto): Promise<LeadViewDto> {
    return this.views.update(actor.tenantId, member(actor), id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...MEMBERS)
  @ApiOperation({ summary: 'Delete a saved view (its owner, or an admin for a shared one)', operationId: 'deleteLeadView' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@CurrentActor() actor: Actor, @Param('id', uuid()) id: string): Promise<void> {
    await this.views.remove(actor.tenantId, member(actor), id);
  }
}
