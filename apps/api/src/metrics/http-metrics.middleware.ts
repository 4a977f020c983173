import type { NextFunction, Request, Response } from 'express';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';

/** Times every API request, labelled by the route template it matched (`/api/tasks/:id`), or `unmatched`. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    // Nest mounts this middleware as a wildcard route of its own: a request no controller took keeps it.
    const own: unknown = req.route;
    res.once('finish', () => {
      const route: unknown = req.route === own ? undefined : req.route?.path;
      this.metrics.requestAnswered(
        req.method,
        typeof route === 'string' ? route : 'unmatched',
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  }
}
