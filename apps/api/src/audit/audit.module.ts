import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { AuditController } from './audit.controller';
import { AuditEventsService } from './audit-events.service';

/** 留痕 the audit trail: its events searched, and its hash chain verified. */
@Module({
  imports: [DatabaseModule],
  controllers: [AuditController],
  providers: [AuditEventsService],
})
export class AuditModule {}
