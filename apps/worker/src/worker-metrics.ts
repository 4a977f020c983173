// The worker's own Prometheus metrics (WORKER_METRICS_PORT): the process (CPU, memory, event loop lag, GC),
// the outbox's backlog when this worker delivers it, and how far the audit sealing lags, read from PostgreSQL
// at each scrape. Activities by type, workflow tasks, pollers and slots are the Temporal SDK's metrics, on
// its own exporter (WORKER_SDK_METRICS_PORT).

import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { OutboxRepository, auditSealLag } from '@libs/persistence';

export function workerMetrics(dataSource: DataSource, options: { outbox: boolean }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (options.outbox) {
    const outbox = new OutboxRepository();
    new Gauge({
      name: 'changxiao_outbox_pending_messages',
      help: 'Notifications waiting for delivery on their channel (webhook, SMS)',
      registers: [registry],
      async collect() {
        this.set((await outbox.backlog(dataSource)).pending);
      },
    });
    new Gauge({
      name: 'changxiao_outbox_oldest_due_seconds',
      help: 'How long the longest-due pending notification has waited for delivery',
      registers: [registry],
      async collect() {
        this.set((await outbox.backlog(dataSource)).oldestDueSeconds);
      },
    });
  }
  new Gauge({
    name: 'changxiao_audit_unsealed_events',
    help: 'Audit events appended since their chain was last sealed into a signed checkpoint',
    registers: [registry],
    async collect() {
      this.set((await auditSealLag(dataSource)).unsealedEvents);
    },
  });
  new Gauge({
    name: 'changxiao_audit_seal_lag_seconds',
    help: 'How long the oldest audit event not yet sealed into a signed checkpoint has waited (0: all sealed)',
    registers: [registry],
    async collect() {
      this.set((await auditSealLag(dataSource)).oldestUnsealedSeconds);
    },
  });
  return registry;
}
