// The figures of one period for one jurisdiction, by its children, for the reporting rhythm's screens and report.

import { ApiProperty } from '@nestjs/swagger';

export class CountDto {
  @ApiProperty({ description: '户数' }) households!: number;
  @ApiProperty({ description: '人数' }) people!: number;
}

/** One place's households and people in each state. */
export class PlaceFiguresDto {
  @ApiProperty({ description: '区划代码' }) id!: string;
  @ApiProperty({ example: '东里镇' }) name!: string;
  @ApiProperty({ type: CountDto, description: '期内申请受理' }) enrolled!: CountDto;
  @ApiProperty({ type: CountDto, description: '期内认定纳入' }) recognised!: CountDto;
  @ApiProperty({ type: CountDto, description: '期末在帮扶' }) inSupport!: CountDto;
  @ApiProperty({ type: CountDto, description: '期内退出' }) exited!: CountDto;
  @ApiProperty({ type: CountDto, description: '期内返贫纳入' }) relapsed!: CountDto;
}

/** A cause by its code: its name (因病, 因残) would read as someone's health to the masking of responses. */
export class CauseFiguresDto {
  @ApiProperty({ example: 'schooling', description: '致贫原因代码（名称见 POVERTY_CAUSE_LABELS）' })
  cause!: string;
  @ApiProperty({ description: '期末在帮扶的户数（一户可有多个致贫原因）' }) households!: number;
}

export class MeasureFiguresDto {
  @ApiProperty({ example: 'civilAffairs' }) department!: string;
  @ApiProperty({ example: '民政局' }) departmentLabel!: string;
  @ApiProperty({ example: 'done' }) status!: string;
  @ApiProperty({ example: '已完成' }) statusLabel!: string;
  @ApiProperty({ description: '期内到达该状态的措施数' }) measures!: number;
}

export class SlaFiguresDto {
  @ApiProperty({ example: 'homeSurvey', description: '任务类型；合计行为 all' }) kind!: string;
  @ApiProperty({ example: '入户调查' }) label!: string;
  @ApiProperty({ description: '期内办结' }) closed!: number;
  @ApiProperty({ description: '其中按时办结' }) onTime!: number;
  @ApiProperty({ type: Number, nullable: true, description: '按时办结率（%，一位小数）；期内无办结为 null' })
  rate!: number | null;
}

export class StatisticsPeriodDto {
  @ApiProperty({ example: '2026Q4' }) code!: string;
  @ApiProperty({ example: '2026年第四季度' }) label!: string;
  @ApiProperty({ example: '2026-10-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
}

export class StatisticsPlaceDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['county', 'township', 'village'] }) level!: string;
}

export class StatisticsDto {
  @ApiProperty({ type: StatisticsPeriodDto }) period!: StatisticsPeriodDto;
  @ApiProperty({ type: StatisticsPlaceDto, description: '统计的辖区' }) jurisdiction!: StatisticsPlaceDto;
  @ApiProperty({ type: [PlaceFiguresDto], description: '按下级分列（村(社区)为其本身）' })
  places!: PlaceFiguresDto[];
  @ApiProperty({ type: PlaceFiguresDto, description: '合计' }) total!: PlaceFiguresDto;
  @ApiProperty({ type: [CauseFiguresDto] }) causes!: CauseFiguresDto[];
  @ApiProperty({ type: [MeasureFiguresDto] }) measures!: MeasureFiguresDto[];
  @ApiProperty({ type: [SlaFiguresDto], description: '按任务类型，末行为合计（kind = all）' })
  sla!: SlaFiguresDto[];
}
