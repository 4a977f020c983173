import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { LedgersController } from './ledgers.controller';
import { LedgersService } from './ledgers.service';

/** 三本台账 the three ledgers (the 督查问责 inspection reports are in the inspection module). */
@Module({
  imports: [DatabaseModule],
  controllers: [LedgersController],
  providers: [LedgersService],
})
export class LedgersModule {}
