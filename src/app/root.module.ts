import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { ApiModule } from './api.module.js';
import { CoreModule } from './core.module.js';
import { WorkerModule } from './worker.module.js';

@Module({})
class RootModule {}

/** The module tree for a mode: api = HTTP only, worker = queues + cron, all = both. */
export function rootModule(config: AppConfig, mode: 'api' | 'worker' | 'all') {
  return {
    module: RootModule,
    imports: [CoreModule.forRoot(config), ...(mode !== 'worker' ? [ApiModule] : []), ...(mode !== 'api' ? [WorkerModule] : [])],
  };
}
