import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { FILE_STORE, LocalFileStore } from './file-store.js';

@Global()
@Module({
  providers: [{ provide: FILE_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalFileStore(config.DATA_DIR) }],
  exports: [FILE_STORE],
})
export class StorageModule {}
