import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { UpdateWorkspaceSettingsDto, WorkspaceSettingsDto } from './dto/workspace-settings.dto.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

@ApiTags('Team')
@Controller('workspace/settings')
export class WorkspaceSettingsController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Get()
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @ApiOperation({ summary: 'Settings of this workspace (default country of new leads)', operationId: 'getWorkspaceSettings' })
  @ApiOkResponse({ type: WorkspaceSettingsDto })
  @ApiProblems(401, 403)
  get(@TenantId() tenantId: string): Promise<WorkspaceSettingsDto> {
    return this.settings.get(tenantId);
  }

  @Patch()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change settings of this workspace (recorded in the audit log)', operationId: 'updateWorkspaceSettings' })
  @ApiOkResponse({ type: WorkspaceSettingsDto })
  @ApiProblems(400, 401, 403)
  update(@TenantId() tenantId: string, @Body() dto: UpdateWorkspaceSettingsDto): Promise<WorkspaceSettingsDto> {
    return this.settings.update(tenantId, dto);
  }
}
