import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { DATA_FILE_KEY, FILE_STORE, LocalFileStore } from './file-store.js';

@Global()
@Module({
  providers: [{ provide: FILE_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalFileStore(config.DATA_DIR, DATA_FILE_KEY) }],
  exports: [FILE_STORE],
})
export class StorageModule {}
