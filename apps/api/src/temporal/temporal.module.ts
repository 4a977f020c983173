import { Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { ApiDependencies } from '../api-dependencies.module';
import { API_DEPENDENCIES } from '../common/tokens';
import { ConfigModule } from '../config/config.module';
import { MetricsModule } from '../metrics/metrics.module';
import { TemporalGateway } from './temporal.gateway';

/** Temporal, through its gateway only: the client the caller connected stays inside this module. */
@Module({
  imports: [ConfigModule, MetricsModule],
  providers: [
    {
      provide: Client,
      useFactory: (deps: ApiDependencies) => deps.temporal,
      inject: [API_DEPENDENCIES],
    },
    TemporalGateway,
  ],
  exports: [TemporalGateway],
})
export class TemporalModule {}
