// A plain HTTP server answering GET /metrics, for the processes without an API of their own: the API
// cluster's primary (the sum over its processes) and the worker.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_REFUSALS, metricsAccess } from './metrics-access';

/** Metrics in Prometheus's text format, as a prom-client registry gives them. */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  token: string | undefined;
  source: MetricsSource;
}

/** Listens until closed; answers the port it listens on (a port 0 asked for any free one). */
export async function serveMetrics(
  options: MetricsServerOptions,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('只有 GET /metrics');
      return;
    }
    const access = metricsAccess(req, options.token);
    if (access !== 'allowed') {
      const { status, message } = METRICS_REFUSALS[access];
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
      return;
    }
    options.source.metrics().then(
      (body) => res.writeHead(200, { 'content-type': options.source.contentType }).end(body),
      (error: unknown) =>
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`读取监控指标失败：${error instanceof Error ? error.message : String(error)}`),
    );
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      listening();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
