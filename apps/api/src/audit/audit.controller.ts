import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { type AuditChainReport, verifyAuditChain } from '../../../../libs/persistence/src';
import { Roles } from '../auth/auth.decorators';

@ApiTags('留痕审计')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('verify')
  @Roles('inspector', 'admin')
  @ApiOperation({ summary: '校验留痕链：逐条重算哈希，任何删改都会在断点处暴露' })
  verify(): Promise<AuditChainReport> {
    return verifyAuditChain(this.dataSource.manager);
  }
}
