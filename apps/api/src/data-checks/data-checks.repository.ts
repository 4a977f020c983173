import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The payload a dataCheckAnswer task carries (written by the dataCheck workflow when it opens the task). */
export interface DataCheckRequestPayload {
  department: string;
  connector: 'inbox' | 'excel' | 'http';
  members: { name: string; idNumber: string; relation: string }[];
  round: number;
}

export interface OpenRequestRow {
  id: string;
  case_id: string;
  township_name: string;
  village_name: string;
  household_head: string | null;
  payload: DataCheckRequestPayload;
}

export interface AnswerableRequestRow {
  id: string;
  status: string;
  household_head: string | null;
  payload: DataCheckRequestPayload;
}

// A department's requests within a jurisdiction subtree; the department inbox index serves the open ones.
const DEPARTMENT_REQUESTS = `
  t.kind = 'dataCheckAnswer' AND t.department = $1
  AND (t.jurisdiction_path = $2 OR t.jurisdiction_path LIKE $2 || '.%')`;

@Injectable()
export class DataChecksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The department a user works for, from the users table (null when none is recorded). */
  async findUserDepartment(userId: string): Promise<string | null> {
    const [row] = await this.dataSource.query('SELECT department FROM users WHERE id = $1', [userId]);
    return row?.department ?? null;
  }

  /** Open requests to a department in a scope, soonest due first, at most `limit`. */
  async findOpenRequestsForDepartment(
    department: string,
    scopePath: string,
    limit: number,
  ): Promise<OpenRequestRow[]> {
    return this.dataSource.query(
      `SELECT t.id, t.case_id, t.household_head, t.payload,
         (SELECT name FROM jurisdictions WHERE id = t.township_id) AS township_name,
         (SELECT name FROM jurisdictions WHERE id = t.village_id) AS village_name
       FROM tasks t
       WHERE t.status = 'open' AND ${DEPARTMENT_REQUESTS}
       ORDER BY t.due_at, t.id
       LIMIT $3`,
      [department, scopePath, limit],
    );
  }

  /**
   * The requests among `taskIds` that the department may answer in the scope, whatever their status: a
   * closed one is still matched, so that uploading the same file again reports it instead of refusing its rows.
   */
  async findDepartmentRequestsByIds(
    department: string,
    scopePath: string,
    taskIds: string[],
  ): Promise<AnswerableRequestRow[]> {
    if (taskIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT t.id, t.status, t.household_head, t.payload FROM tasks t
       WHERE t.id = ANY($3::text[]) AND ${DEPARTMENT_REQUESTS}`,
      [department, scopePath, taskIds],
    );
  }
}
