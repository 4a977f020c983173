// The API's Prometheus metrics, one registry per application: the process (CPU, memory, event loop lag, GC),
// each request by method, route template and status class, task decisions by kind and outcome, the calls to
// Temporal, and the database pool. Labels carry templates and kinds only: never an id, a name or a query.

import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppException } from '../common/app.exception';
import {
  type TemporalCallKind,
  WorkflowAlreadyStarted,
  WorkflowGone,
  WorkflowRefusal,
} from '../temporal/temporal-errors';

// From a cached read (a few ms) to Temporal's longest deadline (an update waits up to 30 s).
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'changxiao_http_request_duration_seconds',
    help: 'API requests by method, route template and status class (its _count is the request count)',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly taskCompletions = new Counter({
    name: 'changxiao_task_completions_total',
    help: 'Task decisions sent to their workflow, by task kind and outcome (completed, refused, failed)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly temporalCalls = new Histogram({
    name: 'changxiao_temporal_call_duration_seconds',
    help: 'Calls to Temporal by kind (start, update, signal) and outcome (ok, refused by the workflow, error)',
    labelNames: ['call', 'outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    // Which process answered (cluster.ts runs several behind one port): the sum over them lists each.
    new Gauge({
      name: 'changxiao_api_process_info',
      help: 'One per API process, labelled with its pid',
      labelNames: ['pid'] as const,
      registers: [this.registry],
    }).set({ pid: String(process.pid) }, 1);
    const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
    new Gauge({
      name: 'changxiao_db_pool_connections',
      help: "The API's PostgreSQL pool: connections open (total), idle, and requests waiting for one",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  /** A request that has been answered; `route` is the template Express matched, never the path itself. */
  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  /** Runs the sending of a decision, counted by its outcome: refused is an answer in 4xx, failed any other. */
  async taskCompletion<T>(kind: string, send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      this.taskCompletions.inc({ kind, outcome: 'completed' });
      return result;
    } catch (error) {
      const refused = error instanceof AppException && error.status < 500;
      this.taskCompletions.inc({ kind, outcome: refused ? 'refused' : 'failed' });
      throw error;
    }
  }

  /** Times one call to Temporal; the workflow's own answers (refused, gone, already started) are not errors. */
  async temporalCall<T>(call: TemporalCallKind, run: () => Promise<T>): Promise<T> {
    const timer = this.temporalCalls.startTimer({ call });
    try {
      const result = await run();
      timer({ outcome: 'ok' });
      return result;
    } catch (error) {
      const answered =
        error instanceof WorkflowRefusal ||
        error instanceof WorkflowGone ||
        error instanceof WorkflowAlreadyStarted;
      timer({ outcome: answered ? 'refused' : 'error' });
      throw error;
    }
  }
}
