import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { TemporalModule } from '../temporal/temporal.module';
import { HealthController } from './health.controller';

/** GET /health: PostgreSQL, Temporal and the unresolved incidents, for probes and people. */
@Module({
  imports: [ConfigModule, DatabaseModule, TemporalModule],
  controllers: [HealthController],
})
export class HealthModule {}
