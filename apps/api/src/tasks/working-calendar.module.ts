import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { WorkingCalendar } from './working-calendar';

/**
 * The working calendar task deadlines count in: read by cases and tasks alike, so it sits below both and
 * neither imports the other.
 */
@Module({
  imports: [DatabaseModule],
  providers: [WorkingCalendar],
  exports: [WorkingCalendar],
})
export class WorkingCalendarModule {}
