import { Module, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AttachmentsRepository,
  CasesRepository,
  HouseholdsRepository,
  IncidentsRepository,
  JurisdictionsRepository,
  LedgersRepository,
  NotificationsRepository,
  SignInRepository,
  StatisticsRepository,
  SupportMeasuresRepository,
  TasksRepository,
  UsersRepository,
} from '@libs/persistence';
import { AnomaliesRepository } from '@libs/persistence/repositories/anomalies.repository';
import type { ApiDependencies } from '../api-dependencies.module';
import { API_DEPENDENCIES } from '../common/tokens';

// The repositories over the read model: each is provided once, here, and exported to every module that
// imports this one. Add a repository by adding its class.
const REPOSITORIES: Type[] = [
  AnomaliesRepository,
  AttachmentsRepository,
  CasesRepository,
  HouseholdsRepository,
  IncidentsRepository,
  JurisdictionsRepository,
  LedgersRepository,
  NotificationsRepository,
  SignInRepository,
  StatisticsRepository,
  SupportMeasuresRepository,
  TasksRepository,
  UsersRepository,
];

/** PostgreSQL: the DataSource the caller opened (and closes), and the repositories reading through it. */
@Module({
  providers: [
    {
      provide: DataSource,
      useFactory: (deps: ApiDependencies) => deps.dataSource,
      inject: [API_DEPENDENCIES],
    },
    ...REPOSITORIES,
  ],
  exports: [DataSource, ...REPOSITORIES],
})
export class DatabaseModule {}
