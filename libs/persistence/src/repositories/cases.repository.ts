// 案件 cases: the read model of each household's case, and open_case_members, which holds its members' ID
// numbers while it is open (one open case per person). Every statement on the two tables lives here.

import type { EvaluateCaseInput } from '@libs/contracts/activities';
import type { EligibilityRecord } from '@libs/contracts/household-case';
import type { CaseStage } from '@libs/domain';
import { type Queryable, returningRows } from '../sql';
import { type CaseSearchFilter, type CaseSearchRow, departmentBusiness, searchWhere } from './case-search';
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

/** The case as its page shows it: with its village's name, the household's address and its successor. */
export type CaseViewRow = CaseRow & {
  village_name: string;
  address: string;
  /** The case a 返贫 re-enrolment opened after this one. */
  re_enrolled_as: string | null;
  /** Only for a department officer: their department has business with the case. */
  department_business: boolean | null;
};

/** What 特事特办 reads of a case. */
export type CaseUrgencyRow = Pick<CaseRow, 'id' | 'status' | 'urgent' | 'jurisdiction_path'>;

/** A new case as its intake enters it. */
export type NewIntake = Pick<
  CaseRow,
  | 'id'
  | 'household_id'
  | 'workflow_id'
  | 'channel'
  | 'urgent'
  | 'village_id'
  | 'jurisdiction_path'
  | 'application'
  | 'created_by'
  | 'intake_request_digest'
> & { per_capita_income: number };

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
  async holdStatus(
    db: Queryable,
    caseId: string,
  ): Promise<(Pick<CaseRow, 'status'> & { county_id: string }) | undefined> {
    const [held] = await db.query(
      `SELECT status, split_part(jurisdiction_path, '.', 1) AS county_id FROM cases WHERE id = $1
       FOR NO KEY UPDATE`,
      [caseId],
    );
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

  /**
   * The case as its page shows it. With `department` (a department officer's), department_business says
   * whether that department has business with the case; null without.
   */
  async findForView(
    db: Queryable,
    caseId: string,
    department: string | null,
  ): Promise<CaseViewRow | undefined> {
    const [row] = await db.query(
      `SELECT c.*, v.name AS village_name, h.address,
         (SELECT n.id FROM cases n WHERE n.previous_case_id = c.id) AS re_enrolled_as,
         CASE WHEN $2::text IS NULL THEN NULL ELSE ${departmentBusiness('$2')} END AS department_business
       FROM cases c
       JOIN jurisdictions v ON v.id = c.village_id JOIN households h ON h.id = c.household_id WHERE c.id = $1`,
      [caseId, department],
    );
    return row;
  }

  /**
   * 案件查询 one keyset page of the cases the filter finds, newest first (cases_path_idx, cases_created_idx,
   * cases_created_by_idx for 我发起的), each row's place, head and open tasks named by lookups by key: a page
   * is a few rows.
   */
  async search(
    db: Queryable,
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
    return db.query(
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
  async countSearch(db: Queryable, filter: CaseSearchFilter): Promise<number> {
    const where = searchWhere(filter);
    const [row]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM cases c WHERE ${where.toSql()}`,
      where.params,
    );
    return row.n;
  }

  /** The request digest the case was entered with; null: entered without a key; undefined: no such case. */
  async findIntakeDigest(db: Queryable, caseId: string): Promise<string | null | undefined> {
    const [row]: Pick<CaseRow, 'intake_request_digest'>[] = await db.query(
      'SELECT intake_request_digest FROM cases WHERE id = $1',
      [caseId],
    );
    return row?.intake_request_digest;
  }

  /** One of these people already in an open case, if any: their ID number and that case. */
  async findClaimedMember(
    db: Queryable,
    idNumbers: string[],
  ): Promise<{ id_number: string; case_id: string } | undefined> {
    const [taken] = await db.query(
      'SELECT id_number, case_id FROM open_case_members WHERE id_number = ANY($1) LIMIT 1',
      [idNumbers],
    );
    return taken;
  }

  /** The open case the person is in, with where it is. */
  async findOpenCaseOfMember(
    db: Queryable,
    idNumber: string,
  ): Promise<(Pick<CaseRow, 'id' | 'stage'> & { village_name: string; township_name: string }) | undefined> {
    const [other] = await db.query(
      `SELECT c.id, c.stage, v.name AS village_name, t.name AS township_name
       FROM open_case_members o JOIN cases c ON c.id = o.case_id
       JOIN jurisdictions v ON v.id = c.village_id JOIN jurisdictions t ON t.id = v.parent_id
       WHERE o.id_number = $1`,
      [idNumber],
    );
    return other;
  }

  /** 登记 a new open case at the intake stage. */
  async insertIntake(db: Queryable, intake: NewIntake): Promise<void> {
    await db.query(
      `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, urgent, village_id, jurisdiction_path,
         per_capita_income, application, created_by, intake_request_digest)
       VALUES ($1, $2, $3, $10, 'intake', 'open', $4, $5, $6, $7, $8, $9, $11)`,
      [
        intake.id,
        intake.household_id,
        intake.workflow_id,
        intake.urgent,
        intake.village_id,
        intake.jurisdiction_path,
        intake.per_capita_income,
        intake.application,
        intake.created_by,
        intake.channel,
        intake.intake_request_digest,
      ],
    );
  }

  /**
   * One open case per person, anywhere: the members' ID numbers become the case's unless another open case
   * holds them (the primary key refuses a second one atomically). The ID numbers it claimed.
   */
  async claimMembers(db: Queryable, caseId: string, idNumbers: string[]): Promise<string[]> {
    const claimed: { id_number: string }[] = await db.query(
      `INSERT INTO open_case_members (id_number, case_id) SELECT unnest($1::text[]), $2
       ON CONFLICT (id_number) DO NOTHING RETURNING id_number`,
      [idNumbers, caseId],
    );
    return claimed.map((row) => row.id_number);
  }

  async findUrgency(db: Queryable, caseId: string): Promise<CaseUrgencyRow | undefined> {
    const [row] = await db.query('SELECT id, status, urgent, jurisdiction_path FROM cases WHERE id = $1', [
      caseId,
    ]);
    return row;
  }

  /** What 特事特办 reads of the case, its row held until the caller's transaction ends. */
  async lockUrgency(db: Queryable, caseId: string): Promise<CaseUrgencyRow | undefined> {
    const [row] = await db.query(
      'SELECT id, status, urgent, jurisdiction_path FROM cases WHERE id = $1 FOR UPDATE',
      [caseId],
    );
    return row;
  }

  /** 特事特办 the case is urgent from now on. */
  async markUrgent(db: Queryable, caseId: string): Promise<void> {
    await db.query('UPDATE cases SET urgent = true, updated_at = now() WHERE id = $1', [caseId]);
  }
}
