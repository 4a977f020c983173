// SQL of the case search and the case's progress. The search walks the user's scope newest first
// (cases_path_idx, cases_created_idx, cases_created_by_idx for 我发起的) and names each row's place, head
// and open tasks with lookups by key: a page is a few rows.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseStage, TaskKind } from '@libs/domain';
import { Where, containing, inSubtree, inWindow } from '@libs/persistence';

export interface CaseSearchFilter {
  scopePath: string;
  /** Set for a department officer: only cases its department has business with; null matches none. */
  department?: string | null;
  /** The path of the jurisdiction asked for (jurisdictionId), narrowing the scope. */
  withinPath?: string;
  villageId?: string;
  headName?: string;
  idNumber?: string;
  stage?: CaseStage;
  status?: string;
  urgent?: boolean;
  createdFrom?: string;
  createdTo?: string;
  enteredBy?: string;
}

export interface CaseSearchRow {
  id: string;
  at_key: string;
  stage: CaseStage;
  status: string;
  urgent: boolean;
  channel: string;
  village_id: string;
  village_name: string;
  township_id: string;
  township_name: string;
  created_at: Date;
  created_by: string;
  created_by_name: string | null;
  head_name: string | null;
  head_id_number: string | null;
  member_count: number;
  open_tasks: { kind: TaskKind; dueAt: string }[];
}

/** An audit event that moved the case to a stage (or, for task events of the first version, may have). */
export interface StageEventRow {
  action: string;
  occurred_at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function searchWhere(filter: CaseSearchFilter): Where {
  const where = new Where();
  inSubtree(where, 'c.jurisdiction_path', filter.scopePath);
  if (filter.withinPath) inSubtree(where, 'c.jurisdiction_path', filter.withinPath);
  if (filter.department !== undefined) {
    // A department's business with a case, as case-access.ts decides it for one case: a task of the
    // department on it, a measure transferred to it, or its referral. An officer without one sees none.
    if (filter.department === null) where.add('false');
    else {
      const department = where.p(filter.department);
      where.add(`(EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department = ${department})
        OR EXISTS (SELECT 1 FROM support_measures m WHERE m.case_id = c.id AND m.department = ${department})
        OR c.application -> 'referral' ->> 'department' = ${department})`);
    }
  }
  if (filter.villageId) where.add(`c.village_id = ${where.p(filter.villageId)}`);
  if (filter.headName) {
    where.add(`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = c.household_id
      AND m.relation = 'head' AND m.name LIKE ${where.p(containing(filter.headName))})`);
  }
  if (filter.idNumber) {
    where.add(`c.household_id IN (SELECT m.household_id FROM household_members m
      WHERE m.id_number = ${where.p(filter.idNumber)})`);
  }
  if (filter.stage) where.add(`c.stage = ${where.p(filter.stage)}`);
  if (filter.status) where.add(`c.status = ${where.p(filter.status)}`);
  if (filter.urgent !== undefined) where.add(`c.urgent = ${where.p(filter.urgent)}`);
  if (filter.enteredBy) where.add(`c.created_by = ${where.p(filter.enteredBy)}::uuid`);
  inWindow(where, 'c.created_at', { from: filter.createdFrom, to: filter.createdTo });
  return where;
}

@Injectable()
export class CaseSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One keyset page of the cases the filter finds, newest first. */
  async findCases(
    filter: CaseSearchFilter,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<CaseSearchRow[]> {
    const where = searchWhere(filter);
    if (after) {
      where.add(`(c.created_at, c.id) < (${where.p(after.at)}::timestamptz, ${where.p(after.id)}::uuid)`);
    }
    // A department officer's open tasks of a case are its department's only, as in the case's own view.
    const department = filter.department === undefined ? 'NULL' : where.p(filter.department);
    const limitParam = where.p(limit);
    return this.dataSource.query(
      `SELECT c.id, to_json(c.created_at) #>> '{}' AS at_key, c.stage, c.status, c.urgent, c.channel,
         c.village_id, v.name AS village_name, w.id AS township_id, w.name AS township_name,
         c.created_at, c.created_by, (SELECT display_name FROM users WHERE id = c.created_by) AS created_by_name,
         head.name AS head_name, head.id_number AS head_id_number,
         (SELECT count(*) FROM household_members m WHERE m.household_id = c.household_id)::int AS member_count,
         (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'dueAt', t.due_at) ORDER BY t.due_at, t.id),
            '[]'::json)
          FROM tasks t WHERE t.case_id = c.id AND t.status = 'open'
            AND (${department}::text IS NULL OR t.department = ${department}::text)) AS open_tasks
       FROM cases c
       JOIN jurisdictions v ON v.id = c.village_id
       JOIN jurisdictions w ON w.id = v.parent_id
       LEFT JOIN LATERAL (
         SELECT m.name, m.id_number FROM household_members m
         WHERE m.household_id = c.household_id AND m.relation = 'head' LIMIT 1
       ) head ON true
       WHERE ${where.toSql()}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${limitParam}`,
      where.params,
    );
  }

  /** How many cases the filter finds in all (for the audit of a search by ID number). */
  async countCases(filter: CaseSearchFilter): Promise<number> {
    const where = searchWhere(filter);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c WHERE ${where.toSql()}`,
      where.params,
    );
    return row.n;
  }

  /** The path of a jurisdiction, if it exists. */
  async findJurisdictionPath(id: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query('SELECT path FROM jurisdictions WHERE id = $1', [id]);
    return row?.path;
  }

  /** The case's stage changes as the audit log holds them, oldest first. */
  async findStageEvents(caseId: string): Promise<StageEventRow[]> {
    return this.dataSource.query(
      `SELECT action, occurred_at, before, after FROM audit_events
       WHERE case_id = $1 AND action IN ('case.created', 'case.stageChanged', 'case.closed', 'task.opened',
         'task.completed')
       ORDER BY id`,
      [caseId],
    );
  }
}
