import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';

/**
 * Request context (AsyncLocalStorage through nestjs-cls): the request id from the start, then
 * the tenant and actor once the auth guard has resolved them. Logging and audit read it;
 * database scoping takes the tenant explicitly (PrismaService.scoped).
 */
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        generateId: true,
        idGenerator: (req: IncomingMessage) => String(req.headers['x-request-id'] ?? ''),
      },
    }),
  ],
})
export class TenancyModule {}
