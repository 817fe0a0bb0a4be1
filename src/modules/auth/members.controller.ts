import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Roles, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { ChangeRoleDto, CreatedInvitationDto, InvitationListDto, InviteMemberDto, MemberDto, MemberListDto } from './dto/auth.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('Team')
@Controller()
@Roles('owner', 'admin')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @ApiOperation({ summary: 'Members of this workspace', operationId: 'listMembers' })
  @ApiOkResponse({ type: MemberListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<MemberListDto> {
    return this.members.list(tenantId);
  }

  @Patch('members/:userId')
  @ApiOperation({ summary: 'Change a member\'s role', operationId: 'changeMemberRole' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 409)
  changeRole(
    @TenantId() tenantId: string,
    @CurrentActor() actor: Actor,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(tenantId, actor, userId, dto.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (their sessions end at once)', operationId: 'removeMember' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 401, 403, 404, 409)
  async remove(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    await this.members.remove(tenantId, actor, userId);
  }

  @Get('invitations')
  @ApiOperation({ summary: 'Pending invitations', operationId: 'listInvitations' })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiProblems(401, 403)
  invitations(@TenantId() tenantId: string): Promise<InvitationListDto> {
    return this.members.pendingInvitations(tenantId);
  }

  @Post('invitations')
  @ApiOperation({ summary: 'Invite someone by email; the single-use link is also returned to copy', operationId: 'inviteMember' })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiProblems(400, 401, 403, 409)
  invite(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: InviteMemberDto): Promise<CreatedInvitationDto> {
    return this.members.invite(tenantId, actor, dto);
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation', operationId: 'revokeInvitation' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404)
  async revoke(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.members.revokeInvitation(tenantId, id);
  }
}
