import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@libs/config';
import { IncidentsRepository } from '@libs/persistence';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG } from '../common/tokens';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { HealthDto } from './dto/health-response.dto';

interface Check {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, fail) => setTimeout(() => fail(new Error('timeout after 3 s')), 3000)),
    ]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Date.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly incidents: IncidentsRepository,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'PostgreSQL 与 Temporal 的连通情况（任一不可用时返回 503）及未解决的故障事件数（有则为 degraded）',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'PostgreSQL 或 Temporal 不可用' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const [postgres, temporal] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => this.temporal.checkConnection()),
    ]);
    const ok = postgres.status === 'up' && temporal.status === 'up';
    // Open incidents do not make the service unavailable, but someone has to look at them.
    const incidents =
      postgres.status === 'up'
        ? await this.incidents.countUnresolved(this.dataSource).catch(() => null)
        : null;
    response.status(ok ? 200 : 503);
    return {
      status: ok && incidents === 0 ? 'ok' : 'degraded',
      incidents: { unresolved: incidents },
      postgres,
      temporal: {
        ...temporal,
        namespace: this.config.temporal.namespace,
        taskQueue: this.config.temporal.taskQueue,
      },
    };
  }
}
