import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { WorkingCalendarModule } from '../tasks/working-calendar.module';
import { TemporalModule } from '../temporal/temporal.module';
import { CaseProgressService } from './case-progress.service';
import { CaseSearchController } from './case-search.controller';
import { CaseSearchService } from './case-search.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { PersonalDataService } from './personal-data.service';

/** 案件 cases: intake, search, progress, history, personal data shown on request, and requests to the workflow. */
@Module({
  imports: [DatabaseModule, TemporalModule, WorkingCalendarModule, IncidentsModule],
  controllers: [CaseSearchController, CasesController],
  providers: [CasesService, CaseSearchService, CaseProgressService, PersonalDataService],
})
export class CasesModule {}
