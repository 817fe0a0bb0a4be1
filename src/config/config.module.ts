import { Global, Module } from '@nestjs/common';
import { type AppConfig, loadConfig } from './config.js';

/** Injection token for the validated configuration; the only way code reads settings. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig()) {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
