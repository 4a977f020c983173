import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { InspectionController } from './inspection.controller';
import { InspectionService } from './inspection.service';
import { LedgersController } from './ledgers.controller';
import { LedgersService } from './ledgers.service';

/** 三本台账 the three ledgers, and the 督查问责 inspection reports read from the same kind of records. */
@Module({
  imports: [DatabaseModule],
  controllers: [LedgersController, InspectionController],
  providers: [LedgersService, InspectionService],
})
export class LedgersModule {}
