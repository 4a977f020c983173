import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { type ApiDependencies, ApiDependenciesModule } from './api-dependencies.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { PersonalDataInterceptor } from './common/personal-data.interceptor';
import { RequestContextModule } from './common/request-context';
import { DataChecksModule } from './data-checks/data-checks.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { InspectionModule } from './inspection/inspection.module';
import { LedgersModule } from './ledgers/ledgers.module';
import { MetricsModule } from './metrics/metrics.module';
import { NoticeSheetsModule } from './notice-sheets/notice-sheets.module';
import { NotificationsModule } from './notifications/notifications.module';
import { StatisticsModule } from './statistics/statistics.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TasksModule } from './tasks/tasks.module';

/**
 * The API, assembled from one module per capability. Connections are made by the caller (main, tests, bench)
 * and handed in, so each owns their lifetime.
 */
@Module({})
export class AppModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApiDependenciesModule.forRoot(deps),
        RequestContextModule.forRoot(deps.logger),
        AuthModule.register(deps.jwtSecret, deps.config.jwt.expiresIn),
        CasesModule,
        TasksModule,
        HealthModule,
        MetricsModule,
        NotificationsModule,
        AuditModule,
        AdminModule,
        SupervisionModule,
        AttachmentsModule,
        DataChecksModule,
        LedgersModule,
        InspectionModule,
        IncidentsModule,
        NoticeSheetsModule,
        StatisticsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor },
      ],
    };
  }
}
