import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { NoticeSheetsController } from './notice-sheets.controller';
import { NoticeSheetsRepository } from './notice-sheets.repository';
import { NoticeSheetsService } from './notice-sheets.service';

/** 公示名单 the printed list of a village's households in public notice. */
@Module({
  imports: [DatabaseModule, TaskRecordsModule],
  controllers: [NoticeSheetsController],
  providers: [NoticeSheetsRepository, NoticeSheetsService],
})
export class NoticeSheetsModule {}
