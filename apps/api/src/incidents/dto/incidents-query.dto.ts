import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';

export const INCIDENT_STATUS_FILTERS = ['unresolved', 'open', 'retrying', 'resolved'] as const;
export type IncidentStatusFilter = (typeof INCIDENT_STATUS_FILTERS)[number];

export class IncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: INCIDENT_STATUS_FILTERS,
    default: 'unresolved',
    description: 'unresolved：未解决（待处理及重试中）；open 待处理；retrying 重试中；resolved 已解决',
  })
  @IsOptional()
  @IsIn(INCIDENT_STATUS_FILTERS)
  status?: IncidentStatusFilter;

  @ApiPropertyOptional({ description: '只看此案件的故障事件' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}
