import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { TemporalModule } from '../temporal/temporal.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** 故障事件 incidents: steps of cases that failed after their retries, for supervisors and admins. */
@Module({
  imports: [DatabaseModule, TemporalModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
