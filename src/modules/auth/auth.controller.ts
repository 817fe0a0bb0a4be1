import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Public } from '../../common/auth/decorators.js';
import { CommonError } from '../../common/errors/domain-error.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { Client } from './client-info.js';
import {
  AcceptInvitationDto,
  AuthResultDto,
  ForgotPasswordDto,
  InvitationPreviewDto,
  LoginDto,
  MeDto,
  RefreshDto,
  RegisterDto,
  ResetPasswordDto,
  SwitchTenantDto,
} from './dto/auth.dto.js';
import { MembersService } from './members.service.js';
import { PasswordResetService } from './password-reset.service.js';

const userOnly = (actor: Actor) => {
  if (actor.type !== 'user') throw new CommonError('FORBIDDEN', 'This endpoint is for signed-in people, not API keys.');
  return actor;
};

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly passwords: PasswordResetService,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Create an account and its workspace (you become its owner)', operationId: 'register' })
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiProblems(400, 409)
  register(@Body() dto: RegisterDto, @Client() client: ClientInfo): Promise<AuthResultDto> {
    return this.auth.register(dto, client);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password', operationId: 'login' })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblems(400, 401, 403, 429)
  login(@Body() dto: LoginDto, @Client() client: ClientInfo): Promise<AuthResultDto> {
    return this.auth.login(dto, client);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (single use; reuse ends the session)', operationId: 'refresh' })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblems(400, 401)
  refresh(@Body() dto: RefreshDto, @Client() client: ClientInfo): Promise<AuthResultDto> {
    return this.auth.refresh(dto.refreshToken, client);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token', operationId: 'logout' })
  @ApiNoContentResponse({ description: 'Session ended' })
  @ApiProblems(400)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in person, current workspace and role, and all their workspaces', operationId: 'me' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401, 403)
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    const user = userOnly(actor);
    return this.auth.me(user.id, user.tenantId);
  }

  @Post('switch-tenant')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Get tokens for another workspace you belong to', operationId: 'switchTenant' })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblems(400, 401, 403)
  switchTenant(@CurrentActor() actor: Actor, @Body() dto: SwitchTenantDto, @Client() client: ClientInfo): Promise<AuthResultDto> {
    return this.auth.switchTenant(userOnly(actor).id, dto.tenantId, client);
  }

  @Public()
  @Post('password/forgot')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a single-use password reset link (always answers 202)', operationId: 'forgotPassword' })
  @ApiAcceptedResponse({ description: 'If the account exists, a link was sent' })
  @ApiProblems(400)
  async forgot(@Body() dto: ForgotPasswordDto): Promise<void> {
    await this.passwords.request(dto.email);
  }

  @Public()
  @Post('password/reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset link\'s token; ends all sessions', operationId: 'resetPassword' })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(400)
  async reset(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.passwords.reset(dto.token, dto.password);
  }

  @Public()
  @Get('invitations/:token')
  @ApiOperation({ summary: 'What an invitation link invites to', operationId: 'previewInvitation' })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiProblems(404)
  previewInvitation(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.members.previewInvitation(token);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation (creating the account if needed) and sign in', operationId: 'acceptInvitation' })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblems(400, 401, 404, 409, 429)
  acceptInvitation(@Body() dto: AcceptInvitationDto, @Client() client: ClientInfo): Promise<AuthResultDto> {
    return this.members.acceptInvitation(dto, client);
  }
}
