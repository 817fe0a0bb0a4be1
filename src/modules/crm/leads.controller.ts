import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { LeadPageDto, ListLeadsQueryDto } from './dto/lead.dto.js';
import { LeadsService } from './leads.service.js';

@ApiTags('Leads')
@Controller('leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @ApiOperation({ summary: 'The workspace\'s leads, newest first (cursor pagination)', operationId: 'listLeads' })
  @ApiOkResponse({ type: LeadPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: ListLeadsQueryDto): Promise<LeadPageDto> {
    return this.leads.list(tenantId, query);
  }
}
