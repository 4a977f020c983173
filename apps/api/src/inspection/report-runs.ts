// Every run of an inspector's report or export is itself an audit event: who looked at what, in which
// place and window, so the inspectors' own reading leaves a trace (issue 14).

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAccessEvent } from '../audit/access-event';
import type { AuthUser } from '../auth/auth-user';

export interface ReportRun {
  /** The report's name: `overrides`, or one of ANOMALY_REPORTS. */
  report: string;
  /** The query as given (a page's cursor and size say nothing of what was looked for). */
  filters: object;
  exported: boolean;
}

@Injectable()
export class ReportRuns {
  constructor(private readonly dataSource: DataSource) {}

  async record(user: AuthUser, run: ReportRun): Promise<void> {
    const filters = Object.fromEntries(
      Object.entries(run.filters).filter(
        ([key, value]) => value !== undefined && key !== 'cursor' && key !== 'limit',
      ),
    );
    const action = run.exported ? 'inspection.export' : 'inspection.report';
    await appendAccessEvent(this.dataSource, user, {
      action,
      entityType: 'inspectionReport',
      entityId: run.report,
      after: { report: run.report, filters, scope: user.jurisdictionPath },
    });
  }
}
