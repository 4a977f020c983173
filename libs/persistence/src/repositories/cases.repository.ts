// 案件 cases: the read model of each household's case, and open_case_members, which holds its members' ID
// numbers while it is open (one open case per person). Every statement on the two tables lives here.

import type { EvaluateCaseInput } from '@libs/contracts/activities';
import type { EligibilityRecord } from '@libs/contracts/household-case';
import type { CaseStage } from '@libs/domain';
import { type Queryable, returningRows } from '../sql';
import type { HouseholdRow } from './households.repository';

/** The evaluation a case keeps: the record, with the survey it was made from for a later re-evaluation. */
export type StoredEvaluation = EligibilityRecord & { survey?: EvaluateCaseInput['survey'] };

/** A row of `cases`, as PostgreSQL returns it. */
export interface CaseRow {
  id: string;
  household_id: string;
  workflow_id: string;
  channel: string;
  stage: CaseStage;
  status: 'open' | 'closed';
  urgent: boolean;
  village_id: string;
  /** county.township.village ids: a subtree is a prefix match. */
  jurisdiction_path: string;
  /** numeric: PostgreSQL returns it as a string. */
  per_capita_income: string;
  application: Record<string, unknown>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  previous_case_id: string | null;
  evaluation: StoredEvaluation | null;
  data_check: Record<string, unknown> | null;
  plan: Record<string, unknown> | null;
  outcome_reason: string | null;
  recognised_at: Date | null;
  intake_request_digest: string | null;
}

/** What the lifecycle reads of a case: its place, income and evaluation, and whether its household is urban. */
export type CaseWithHousehold = Pick<
  CaseRow,
  | 'id'
  | 'household_id'
  | 'village_id'
  | 'jurisdiction_path'
  | 'per_capita_income'
  | 'evaluation'
  | 'created_by'
  | 'status'
  | 'stage'
> &
  Pick<HouseholdRow, 'urban'>;

export class CasesRepository {
  async findWithHousehold(db: Queryable, caseId: string): Promise<CaseWithHousehold | undefined> {
    const [row] = await db.query(
      `SELECT c.id, c.household_id, c.village_id, c.jurisdiction_path, c.per_capita_income, h.urban, c.evaluation,
         c.created_by, c.status, c.stage
       FROM cases c JOIN households h ON h.id = c.household_id WHERE c.id = $1`,
      [caseId],
    );
    return row;
  }

  /**
   * The case's status, its row held until the caller's transaction ends: a task opened meanwhile and the
   * case's closing (which takes the row first) cannot interleave.
   */
  async holdStatus(db: Queryable, caseId: string): Promise<Pick<CaseRow, 'status'> | undefined> {
    const [held] = await db.query('SELECT status FROM cases WHERE id = $1 FOR NO KEY UPDATE', [caseId]);
    return held;
  }

  /** The case's status, kept from changing (a concurrent close waits) until the caller's transaction ends. */
  async shareStatus(db: Queryable, caseId: string): Promise<Pick<CaseRow, 'status'> | undefined> {
    const [row] = await db.query('SELECT status FROM cases WHERE id = $1 FOR SHARE', [caseId]);
    return row;
  }

  /** How many cases are open in the subtree at `path`. */
  async countOpenInSubtree(db: Queryable, path: string): Promise<number> {
    const [{ count }]: { count: number }[] = await db.query(
      `SELECT count(*)::int AS count FROM cases
       WHERE status = 'open' AND (jurisdiction_path = $1 OR jurisdiction_path LIKE $2)`,
      [path, `${path}.%`],
    );
    return count;
  }

  /** Up to `limit` open cases of the subtree at `path` with ids after `afterId`, in id order. */
  async findOpenInSubtree(
    db: Queryable,
    path: string,
    afterId: string,
    limit: number,
  ): Promise<Pick<CaseRow, 'id' | 'workflow_id'>[]> {
    return db.query(
      `SELECT id, workflow_id FROM cases
       WHERE status = 'open' AND (jurisdiction_path = $1 OR jurisdiction_path LIKE $2) AND id > $3::uuid
       ORDER BY id LIMIT $4`,
      [path, `${path}.%`, afterId, limit],
    );
  }

  /** The id of the case's county (the first of its path). */
  async findCountyId(db: Queryable, caseId: string): Promise<string | undefined> {
    const [row]: { county_id: string }[] = await db.query(
      `SELECT split_part(jurisdiction_path, '.', 1) AS county_id FROM cases WHERE id = $1`,
      [caseId],
    );
    return row?.county_id;
  }

  /** The names of the case's village and household head, as a notice names the household. */
  async findVillageAndHead(db: Queryable, caseId: string): Promise<{ village: string; head: string | null }> {
    const [place] = await db.query(
      `SELECT v.name AS village, m.name AS head FROM cases c JOIN jurisdictions v ON v.id = c.village_id
         LEFT JOIN household_members m ON m.household_id = c.household_id AND m.relation = 'head'
       WHERE c.id = $1`,
      [caseId],
    );
    return place;
  }

  /** Sets the case's stage, open or not; the stage it left, undefined when there is no such case. */
  async moveStage(db: Queryable, caseId: string, stage: CaseStage): Promise<CaseStage | undefined> {
    const [before] = await returningRows<Pick<CaseRow, 'stage'>>(
      db,
      `UPDATE cases c SET stage = $2, updated_at = now() FROM (SELECT stage FROM cases WHERE id = $1) old
       WHERE c.id = $1 RETURNING old.stage`,
      [caseId, stage],
    );
    return before?.stage;
  }

  /** Sets an open case's stage; the stage it left, undefined when the case is closed or not there. */
  async moveOpenCaseStage(db: Queryable, caseId: string, stage: CaseStage): Promise<CaseStage | undefined> {
    const [before] = await returningRows<Pick<CaseRow, 'stage'>>(
      db,
      `UPDATE cases c SET stage = $2, updated_at = now() FROM (SELECT stage FROM cases WHERE id = $1) old
       WHERE c.id = $1 AND c.status = 'open' RETURNING old.stage`,
      [caseId, stage],
    );
    return before?.stage;
  }

  /** First workflow version: the decision sets the stage, and with it whether the case is closed. */
  async setStageAndStatus(
    db: Queryable,
    caseId: string,
    stage: string,
    status: CaseRow['status'],
  ): Promise<void> {
    await db.query(
      `UPDATE cases SET stage = $2, status = $3::varchar, updated_at = now(),
         closed_at = CASE WHEN $3::varchar = 'closed' THEN now() END
       WHERE id = $1`,
      [caseId, stage, status],
    );
  }

  /** Closes an open case with its outcome; what it was, undefined when it was closed already. */
  async closeOpen(
    db: Queryable,
    caseId: string,
    outcome: CaseStage,
    reason: string,
  ): Promise<Pick<CaseRow, 'stage' | 'village_id' | 'created_by'> | undefined> {
    const [closed] = await returningRows<Pick<CaseRow, 'stage' | 'village_id' | 'created_by'>>(
      db,
      `UPDATE cases c SET stage = $2, status = 'closed', closed_at = now(), updated_at = now(), outcome_reason = $3
       FROM (SELECT stage FROM cases WHERE id = $1) old
       WHERE c.id = $1 AND c.status = 'open' RETURNING old.stage, c.village_id, c.created_by`,
      [caseId, outcome, reason],
    );
    return closed;
  }

  async saveEvaluation(
    db: Queryable,
    caseId: string,
    evaluation: StoredEvaluation,
    perCapitaIncome: number,
  ): Promise<void> {
    await db.query(
      `UPDATE cases SET evaluation = $2, per_capita_income = $3, updated_at = now() WHERE id = $1`,
      [caseId, JSON.stringify(evaluation), perCapitaIncome],
    );
  }

  async findEvaluation(db: Queryable, caseId: string): Promise<StoredEvaluation | null> {
    const [row]: Pick<CaseRow, 'evaluation'>[] = await db.query(
      'SELECT evaluation FROM cases WHERE id = $1',
      [caseId],
    );
    return row.evaluation;
  }

  async saveDataCheck(db: Queryable, caseId: string, dataCheck: Record<string, unknown>): Promise<void> {
    await db.query(`UPDATE cases SET data_check = $2, updated_at = now() WHERE id = $1`, [
      caseId,
      JSON.stringify(dataCheck),
    ]);
  }

  async setRecognisedAt(db: Queryable, caseId: string, recognisedAt: Date): Promise<void> {
    await db.query('UPDATE cases SET recognised_at = $2 WHERE id = $1', [caseId, recognisedAt]);
  }

  /** 帮扶计划 the support plan the case follows. */
  async setPlan(db: Queryable, caseId: string, plan: unknown): Promise<void> {
    await db.query('UPDATE cases SET plan = $2 WHERE id = $1', [caseId, JSON.stringify(plan)]);
  }

  /**
   * 返贫 re-enrolment: a new open case of the same household, place and application, linked to the
   * previous one. False when the new case exists already.
   */
  async insertReEnrolment(
    db: Queryable,
    newCaseId: string,
    workflowId: string,
    previousCaseId: string,
  ): Promise<boolean> {
    const created = await db.query(
      `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, urgent, village_id,
         jurisdiction_path, per_capita_income, application, created_by, previous_case_id)
       SELECT $1, household_id, $2, 'reEnrolment', 'intake', 'open', urgent, village_id, jurisdiction_path,
         per_capita_income, application, created_by, id
       FROM cases WHERE id = $3
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [newCaseId, workflowId, previousCaseId],
    );
    return created.length > 0;
  }

  /** A closed case frees its members' ID numbers for a later case. */
  async releaseMembers(db: Queryable, caseId: string): Promise<void> {
    await db.query('DELETE FROM open_case_members WHERE case_id = $1', [caseId]);
  }

  /** The members belong to the new case from now on: nobody can open a third one meanwhile. */
  async handOverMembers(db: Queryable, fromCaseId: string, toCaseId: string): Promise<void> {
    await db.query('UPDATE open_case_members SET case_id = $2 WHERE case_id = $1', [fromCaseId, toCaseId]);
  }
}
