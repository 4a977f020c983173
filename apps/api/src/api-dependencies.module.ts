import { type DynamicModule, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@libs/config';
import type { Logger } from '@libs/logging';
import { API_DEPENDENCIES } from './common/tokens';

export interface ApiDependencies {
  config: AppConfig;
  jwtSecret: string;
  dataSource: DataSource;
  temporal: Client;
  /** Where the API's log lines go (createLogger('api')). */
  logger: Logger;
}

/**
 * What the caller handed in, under a token only the config, database and Temporal modules inject; every other
 * module imports those. Global because Nest has no other way to reach a value made at run time from modules
 * that import statically: so this is the one global module, and it holds nothing else.
 */
@Module({})
export class ApiDependenciesModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: ApiDependenciesModule,
      global: true,
      providers: [{ provide: API_DEPENDENCIES, useValue: deps }],
      exports: [API_DEPENDENCIES],
    };
  }
}
