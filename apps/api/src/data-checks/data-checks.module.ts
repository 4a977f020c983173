import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { TasksModule } from '../tasks/tasks.module';
import { DataChecksController } from './data-checks.controller';
import { DataChecksService } from './data-checks.service';

/** 大数据比对 the Excel connector: departments download their open requests and upload the answers. */
@Module({
  imports: [DatabaseModule, TasksModule],
  controllers: [DataChecksController],
  providers: [DataChecksService],
})
export class DataChecksModule {}
