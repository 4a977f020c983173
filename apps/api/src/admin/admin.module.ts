import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { TemporalModule } from '../temporal/temporal.module';
import { HolidayCalendarsController } from './holiday-calendars.controller';
import { HolidayCalendarsService } from './holiday-calendars.service';
import { JurisdictionsController } from './jurisdictions.controller';
import { JurisdictionsService } from './jurisdictions.service';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PovertyLinesController } from './poverty-lines.controller';
import { PovertyLinesService } from './poverty-lines.service';
import { RelativesController } from './relatives.controller';
import { RelativesService } from './relatives.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Administration: users, jurisdictions, holiday calendars, declared relatives, the county's lifecycle
 * policy and the poverty lines.
 */
@Module({
  imports: [ConfigModule, DatabaseModule, TemporalModule],
  controllers: [
    UsersController,
    JurisdictionsController,
    HolidayCalendarsController,
    RelativesController,
    PoliciesController,
    PovertyLinesController,
  ],
  providers: [
    UsersService,
    JurisdictionsService,
    HolidayCalendarsService,
    RelativesService,
    PoliciesService,
    PovertyLinesService,
  ],
})
export class AdminModule {}
