import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { TasksRepository } from './tasks.repository';
import { WorkingCalendar } from './working-calendar';

/**
 * The task rows and the working calendar their deadlines count in: read by cases, tasks and notice sheets
 * alike, so they sit below all three and none of those imports another.
 */
@Module({
  imports: [DatabaseModule],
  providers: [TasksRepository, WorkingCalendar],
  exports: [TasksRepository, WorkingCalendar],
})
export class TaskRecordsModule {}
