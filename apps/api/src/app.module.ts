import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@libs/config';
import type { Logger } from '@libs/logging';
import { AdminModule } from './admin/admin.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditController } from './audit/audit.controller';
import { AuditEventsService } from './audit/audit-events.service';
import { AuthModule } from './auth/auth.module';
import { CaseProgressService } from './cases/case-progress.service';
import { CaseSearchController } from './cases/case-search.controller';
import { CaseSearchRepository } from './cases/case-search.repository';
import { CaseSearchService } from './cases/case-search.service';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { PersonalDataService } from './cases/personal-data.service';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { PersonalDataInterceptor } from './common/personal-data.interceptor';
import { requestLogging } from './common/request-logging';
import { DataChecksModule } from './data-checks/data-checks.module';
import { APP_CONFIG, TEMPORAL_CLIENT } from './common/tokens';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { NoticeSheetsModule } from './notice-sheets/notice-sheets.module';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { SupervisionModule } from './supervision/supervision.module';
import { DoneTasksController } from './tasks/done-tasks.controller';
import { TasksController } from './tasks/tasks.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TaskAssignmentService } from './tasks/task-assignment.service';
import { TasksService } from './tasks/tasks.service';
import { WorkingCalendar } from './tasks/working-calendar';

export interface ApiDependencies {
  config: AppConfig;
  jwtSecret: string;
  dataSource: DataSource;
  temporal: Client;
  /** Where the API's log lines go (createLogger('api')). */
  logger: Logger;
}

/** Connections are made by the caller (main, tests, bench) and handed in, so each owns their lifetime. */
@Module({})
export class AppModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(requestLogging(deps.logger)),
        AuthModule.register(deps.jwtSecret, deps.config.jwt.expiresIn),
        AdminModule,
        SupervisionModule,
        AttachmentsModule,
        DataChecksModule,
        LedgersModule,
        IncidentsModule,
        NoticeSheetsModule,
      ],
      controllers: [
        CaseSearchController,
        CasesController,
        // Before TasksController: its `GET /tasks/:id` would take `/tasks/done` for a task id.
        DoneTasksController,
        TasksController,
        HealthController,
        NotificationsController,
        AuditController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor },
        CasesService,
        CaseSearchRepository,
        CaseSearchService,
        CaseProgressService,
        PersonalDataService,
        AuditEventsService,
        TasksRepository,
        TasksService,
        WorkingCalendar,
        TaskAssignmentService,
        NotificationsService,
      ],
      exports: [APP_CONFIG, DataSource, TEMPORAL_CLIENT, TasksRepository, TasksService],
    };
  }
}
