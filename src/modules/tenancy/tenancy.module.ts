import { Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { TenantSettingsRepository } from './settings/tenant-settings.repository.js';
import { TenantSettingsService } from './settings/tenant-settings.service.js';

/**
 * Request context (AsyncLocalStorage through nestjs-cls): the request id from the start, then
 * the tenant and actor once the auth guard has resolved them. Logging and audit read it;
 * database scoping takes the tenant explicitly (PrismaService.scoped). Also each tenant's typed
 * settings (TenantSettingsService), for every module to define its own section.
 */
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      // Opened per request by a Fastify hook (src/app/http.ts), per job by JobProcessor.
      middleware: { mount: false },
    }),
  ],
  providers: [TenantSettingsRepository, TenantSettingsService],
  exports: [TenantSettingsService],
})
export class TenancyModule {}
