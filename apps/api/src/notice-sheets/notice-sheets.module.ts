import { Module } from '@nestjs/common';
import { NoticeSheetsController } from './notice-sheets.controller';
import { NoticeSheetsRepository } from './notice-sheets.repository';
import { NoticeSheetsService } from './notice-sheets.service';

/** 公示名单 the printed list of a village's households in public notice. */
@Module({
  controllers: [NoticeSheetsController],
  providers: [NoticeSheetsRepository, NoticeSheetsService],
})
export class NoticeSheetsModule {}
