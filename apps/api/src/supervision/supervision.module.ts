import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { TemporalModule } from '../temporal/temporal.module';
import { SupervisionActionsService } from './supervision-actions.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** 督办 supervision: SLA breaches, due-soon counts, trends and the supervisor's actions. */
@Module({
  imports: [DatabaseModule, TemporalModule],
  controllers: [SupervisionController],
  providers: [SupervisionService, SupervisionActionsService],
})
export class SupervisionModule {}
