import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { AuditController } from './audit.controller';
import { AuditEventsService } from './audit-events.service';
import { AuditVerifyService } from './audit-verify.service';

/** 留痕 the audit trail: its events searched, and its hash chains and signed checkpoints verified. */
@Module({
  imports: [ConfigModule, DatabaseModule],
  controllers: [AuditController],
  providers: [AuditEventsService, AuditVerifyService],
})
export class AuditModule {}
