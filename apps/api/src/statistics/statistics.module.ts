import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** 统计 the reporting rhythm's figures, on screen and as an Excel report. */
@Module({
  imports: [DatabaseModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
})
export class StatisticsModule {}
