import { Module } from '@nestjs/common';
import type { ApiDependencies } from '../api-dependencies.module';
import { API_DEPENDENCIES, APP_CONFIG } from '../common/tokens';

/** The configuration the caller loaded and validated, as APP_CONFIG. */
@Module({
  providers: [
    {
      provide: APP_CONFIG,
      useFactory: (deps: ApiDependencies) => deps.config,
      inject: [API_DEPENDENCIES],
    },
  ],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
