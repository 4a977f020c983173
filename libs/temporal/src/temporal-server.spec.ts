// The Temporal server's config as start:prod writes it, and the dynamic config docker-compose mounts.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPORAL_DYNAMIC_CONFIG } from './server-process';
import { temporalDatabases, writeTemporalServerConfig } from './temporal-server';

const ROOT = join(__dirname, '..', '..', '..');

describe('writeTemporalServerConfig', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'temporal-server-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('puts persistence and visibility on the platform database server, with the ports, shards and metrics asked for', () => {
    writeTemporalServerConfig({
      binaries: { server: '/bin/server', sql: '/bin/sql' },
      databaseUrl: 'postgres://app:s%40cret@db.example:6432/county',
      dataDir,
      port: 17300,
      metricsPort: 17320,
      historyShards: 8,
      maxConns: 30,
      namespace: 'default',
      log: () => undefined,
    });
    // JSON is YAML: the server reads the file as written.
    const config = JSON.parse(readFileSync(join(dataDir, 'config', 'changxiao.yaml'), 'utf8'));
    expect(config.persistence).toMatchObject({
      numHistoryShards: 8,
      datastores: {
        'pg-default': {
          sql: {
            pluginName: 'postgres12',
            databaseName: 'county_temporal',
            connectAddr: 'db.example:6432',
            user: 'app',
            password: 's@cret',
            maxConns: 30,
          },
        },
        'pg-visibility': { sql: { databaseName: 'county_temporal_visibility', maxConns: 15 } },
      },
    });
    expect(config.services.frontend.rpc).toMatchObject({ grpcPort: 17300, httpPort: 17304 });
    const ports = ['frontend', 'history', 'matching', 'worker'].flatMap((service) => [
      config.services[service].rpc.grpcPort,
      config.services[service].rpc.membershipPort,
    ]);
    expect(new Set([...ports, 17304]).size).toBe(9);
    expect(Math.max(...ports)).toBe(17308);
    expect(config.global.metrics.prometheus.listenAddress).toBe('127.0.0.1:17320');
    expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:17300');
    const dynamic = JSON.parse(readFileSync(config.dynamicConfigClient.filepath, 'utf8'));
    expect(dynamic['frontend.enableUpdateWorkflowExecution']).toEqual([{ value: true }]);
  });

  it('names the databases after the platform database', () => {
    expect(temporalDatabases('postgres://postgres@127.0.0.1:5432/changxiao')).toEqual({
      default: 'changxiao_temporal',
      visibility: 'changxiao_temporal_visibility',
    });
  });
});

it("docker-compose's Temporal gets the dynamic config start:prod and the dev server use", () => {
  const file = readFileSync(join(ROOT, 'deploy', 'temporal', 'dynamicconfig', 'development.yaml'), 'utf8');
  const entries = [...file.matchAll(/^([\w.]+):\n\s+- value: (\w+)$/gm)].map(([, key, value]) => [
    key,
    value,
  ]);
  expect(Object.fromEntries(entries)).toEqual(
    Object.fromEntries(Object.entries(TEMPORAL_DYNAMIC_CONFIG).map(([key, value]) => [key, String(value)])),
  );
});
