import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { NoticeSheetsController } from './notice-sheets.controller';
import { NoticeSheetsService } from './notice-sheets.service';

/** 公示名单 the printed list of a village's households in public notice. */
@Module({
  imports: [DatabaseModule],
  controllers: [NoticeSheetsController],
  providers: [NoticeSheetsService],
})
export class NoticeSheetsModule {}
