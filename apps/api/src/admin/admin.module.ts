import { Module } from '@nestjs/common';
import { HolidayCalendarsController } from './holiday-calendars.controller';
import { HolidayCalendarsService } from './holiday-calendars.service';
import { JurisdictionsController } from './jurisdictions.controller';
import { JurisdictionsService } from './jurisdictions.service';
import { RelativesController } from './relatives.controller';
import { RelativesService } from './relatives.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Administration: users, jurisdictions, holiday calendars, declared relatives. */
@Module({
  controllers: [UsersController, JurisdictionsController, HolidayCalendarsController, RelativesController],
  providers: [UsersService, JurisdictionsService, HolidayCalendarsService, RelativesService],
})
export class AdminModule {}
