import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { TemporalModule } from '../temporal/temporal.module';
import { DoneTasksController } from './done-tasks.controller';
import { TaskAssignmentService } from './task-assignment.service';
import { WorkingCalendarModule } from './working-calendar.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** 待办 tasks: the inbox, claiming and assigning, and a decision sent to the workflow that opened the task. */
@Module({
  imports: [DatabaseModule, TemporalModule, WorkingCalendarModule, MetricsModule],
  controllers: [
    // Before TasksController: its `GET /tasks/:id` would take `/tasks/done` for a task id.
    DoneTasksController,
    TasksController,
  ],
  providers: [TasksService, TaskAssignmentService],
  // The data checks' workbook answers complete their tasks as a decision does.
  exports: [TasksService],
})
export class TasksModule {}
