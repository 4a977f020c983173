import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '../../../../libs/domain/src';
import type { TaskRow } from '../cases/case-view';

// A task with what its inbox line shows: where it belongs and whose household it is.
const TASK_COLUMNS = `
  t.id, t.case_id, t.kind, t.stage, t.status, t.candidate_role, t.jurisdiction_id, j.name AS jurisdiction_name,
  t.assignee_id, t.urgent, t.due_at, t.escalation_level, t.opened_at, t.closed_at, t.decision, t.reason,
  v.name AS village_name, hm.name AS head_name, hm.id_number AS head_id_number, t.jurisdiction_path, t.completion_key`;
const TASK_JOINS = `
  JOIN jurisdictions j ON j.id = t.jurisdiction_id
  JOIN cases c ON c.id = t.case_id
  JOIN jurisdictions v ON v.id = c.village_id
  LEFT JOIN household_members hm ON hm.household_id = c.household_id AND hm.relation = 'head'`;

export interface InboxQuery {
  scopePath: string;
  /** Only tasks for this role; undefined for roles that see every task in their scope. */
  role: Role | undefined;
  kind?: string;
  after?: { dueAt: string; id: string };
  limit: number;
}

export type ScopedTaskRow = TaskRow & { jurisdiction_path: string; completion_key: string | null };

@Injectable()
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Open tasks within a jurisdiction subtree, soonest due first, one keyset page. */
  async findOpenTasksForInbox(query: InboxQuery): Promise<ScopedTaskRow[]> {
    const params: unknown[] = [query.scopePath, `${query.scopePath}.%`];
    const where = [`t.status = 'open'`, `(t.jurisdiction_path = $1 OR t.jurisdiction_path LIKE $2)`];
    if (query.role) {
      params.push(query.role);
      where.push(`t.candidate_role = $${params.length}`);
    }
    if (query.kind) {
      params.push(query.kind);
      where.push(`t.kind = $${params.length}`);
    }
    if (query.after) {
      params.push(query.after.dueAt, query.after.id);
      where.push(`(t.due_at, t.id) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(query.limit);
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t ${TASK_JOINS}
       WHERE ${where.join(' AND ')} ORDER BY t.due_at, t.id LIMIT $${params.length}`,
      params,
    );
  }

  async findTaskById(id: string): Promise<ScopedTaskRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t ${TASK_JOINS} WHERE t.id = $1`,
      [id],
    );
    return row;
  }

  async findTasksOfCase(caseId: string): Promise<ScopedTaskRow[]> {
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t ${TASK_JOINS} WHERE t.case_id = $1 ORDER BY t.opened_at, t.id`,
      [caseId],
    );
  }
}
