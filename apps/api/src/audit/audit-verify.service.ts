import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@libs/config';
import { type AuditSigningKeys, resolveAuditSigningKeys, verifyAuditLog } from '@libs/persistence';
import { APP_CONFIG } from '../common/tokens';
import type { AuditChainReportDto } from './dto/audit-response.dto';

/** 留痕校验 the audit log's check, run on demand: what is not sealed yet is sealed first. */
@Injectable()
export class AuditVerifyService {
  private readonly keys: AuditSigningKeys;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = resolveAuditSigningKeys(config);
  }

  verify(full: boolean): Promise<AuditChainReportDto> {
    return verifyAuditLog(this.dataSource, this.keys, { full });
  }
}
