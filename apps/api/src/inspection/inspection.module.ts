import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { WorkingCalendarModule } from '../tasks/working-calendar.module';
import { AnomaliesService } from './anomalies.service';
import { InspectionController } from './inspection.controller';
import { OverridesService } from './overrides.service';
import { ReportRuns } from './report-runs';

/** 督查问责 the discipline inspectors' reports: overrides of data-check hits and the anomaly reports. */
@Module({
  imports: [DatabaseModule, WorkingCalendarModule],
  controllers: [InspectionController],
  providers: [OverridesService, AnomaliesService, ReportRuns],
})
export class InspectionModule {}
