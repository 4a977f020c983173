// Which figures: a reporting period (quarter, half-year, year) and the jurisdiction whose children they are by.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { REPORTING_PERIOD_PATTERN } from '@libs/domain';

export class StatisticsQueryDto {
  @ApiProperty({
    example: '2026Q4',
    description:
      '统计期间：季度 2026Q4（季度调度）、半年 2026H2（半年通报）或全年 2026（年终考评），北京时间',
  })
  @Matches(REPORTING_PERIOD_PATTERN, { message: '统计期间应为 2026Q4、2026H2 或 2026 这样的形式' })
  period!: string;

  @ApiPropertyOptional({ description: '统计哪个辖区（按其下级分列）：区划代码，默认本人辖区（仍限本辖区）' })
  @IsOptional()
  @Matches(/^\d{6,20}$/, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId?: string;
}
