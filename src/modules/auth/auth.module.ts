import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { JWT_AUDIENCE, JWT_ISSUER, JwtStrategy } from './jwt.strategy.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { PasswordCheckService } from './password-check.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { RevocationMarks } from './revocation-marks.js';
import { TokensService } from './tokens.service.js';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

@Module({
  imports: [
    GovernanceModule,
    TenancyModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController, MembersController, WorkspaceSettingsController],
  providers: [
    AuthRepository,
    AuthService,
    MembersService,
    WorkspaceSettingsService,
    PasswordResetService,
    PasswordCheckService,
    RevocationMarks,
    TokensService,
    LoginThrottleService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [MembersService, WorkspaceSettingsService],
})
export class AuthModule {}
