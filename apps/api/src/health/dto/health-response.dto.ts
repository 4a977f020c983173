// GET /health: whether PostgreSQL and Temporal answer, and how many incidents wait.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ description: '探测耗时（毫秒）' }) latencyMs!: number;
  @ApiPropertyOptional({ description: '不可用时的错误信息' }) error?: string;
}

export class TemporalCheckDto extends DependencyCheckDto {
  @ApiProperty() namespace!: string;
  @ApiProperty({ description: '任务队列' }) taskQueue!: string;
}

export class HealthIncidentsDto {
  @ApiProperty({ type: Number, nullable: true, description: '未解决的故障事件数；数据库不可用时为 null' })
  unresolved!: number | null;
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: 'ok：全部可用且无未解决的故障事件；否则 degraded（任一依赖不可用时 HTTP 503）',
  })
  status!: 'ok' | 'degraded';
  @ApiProperty({ type: HealthIncidentsDto }) incidents!: HealthIncidentsDto;
  @ApiProperty({ type: DependencyCheckDto }) postgres!: DependencyCheckDto;
  @ApiProperty({ type: TemporalCheckDto }) temporal!: TemporalCheckDto;
}
