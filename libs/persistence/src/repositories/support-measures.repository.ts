// 帮扶措施 support measures: each measure of a case's support plan and how far it has got (the plan itself is
// a column of the case, CasesRepository.setPlan). Every statement on the table lives here.

import type { Queryable } from '../sql';

/** A row of `support_measures`, as PostgreSQL returns it. */
export interface SupportMeasureRow {
  /** Chosen by the measure's workflow. */
  id: string;
  case_id: string;
  label: string;
  department: string;
  item: Record<string, unknown>;
  status: string;
  /** What each status change added (merged, newest wins). */
  detail: Record<string, unknown> | null;
  updated_at: Date;
}

export interface MeasureStatus {
  measureId: string;
  caseId: string;
  label: string;
  department: string;
  item: unknown;
  status: string;
  detail?: Record<string, unknown>;
}

export class SupportMeasuresRepository {
  /** Writes the measure, or moves it to the status, adding the detail to what it had. */
  async upsertStatus(db: Queryable, measure: MeasureStatus): Promise<void> {
    await db.query(
      `INSERT INTO support_measures (id, case_id, label, department, item, status, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,
         detail = coalesce(support_measures.detail, '{}'::jsonb) || coalesce(EXCLUDED.detail, '{}'::jsonb),
         updated_at = now()`,
      [
        measure.measureId,
        measure.caseId,
        measure.label,
        measure.department,
        JSON.stringify(measure.item),
        measure.status,
        JSON.stringify(measure.detail ?? {}),
      ],
    );
  }

  /** The case's measures, by id. */
  async findOfCase(db: Queryable, caseId: string): Promise<Omit<SupportMeasureRow, 'case_id'>[]> {
    return db.query(
      `SELECT id, label, department, item, status, detail, updated_at FROM support_measures WHERE case_id = $1
       ORDER BY id`,
      [caseId],
    );
  }
}
