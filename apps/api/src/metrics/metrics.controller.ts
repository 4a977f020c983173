import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '@libs/config';
import { METRICS_REFUSALS, metricsAccess } from '@libs/metrics';
import { Public } from '../auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../common/tokens';
import { ApiMetrics } from './api-metrics';

/**
 * GET /metrics: this process's metrics in Prometheus's text format, for a bearer of METRICS_TOKEN or, without
 * one, a client on this machine. Not in the OpenAPI document: it is for Prometheus, not the web UI.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async read(@Req() req: Request, @Res() res: Response): Promise<void> {
    const access = metricsAccess(req, this.config.metrics.token);
    if (access !== 'allowed') {
      const { status, message } = METRICS_REFUSALS[access];
      throw new AppException('METRICS_REFUSED', status, message);
    }
    // Sent as is: the answer is text for Prometheus, not JSON for the personal-data masking.
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
