import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CryptoModule } from '../infra/crypto/crypto.module.js';
import { HttpModule } from '../infra/http/http.module.js';
import { MailModule } from '../infra/mail/mail.module.js';
import { PrismaModule } from '../infra/prisma/prisma.module.js';
import { RedisModule } from '../infra/redis/redis.module.js';
import { StorageModule } from '../infra/storage/storage.module.js';
import { TenancyModule } from '../modules/tenancy/tenancy.module.js';

/** What every mode shares: config, request context, database, Redis, mail, outbound HTTP, the secret box, the BullMQ connection. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        TenancyModule,
        PrismaModule,
        RedisModule,
        MailModule,
        HttpModule,
        CryptoModule,
        StorageModule,
        BullModule.forRoot({ connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
      ],
    };
  }
}
