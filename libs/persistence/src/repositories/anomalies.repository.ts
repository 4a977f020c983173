// 督查问责 anomaly reports: what a discipline inspector looks for, read from the read model and the audit log.
// Each report is a union of findings (one row each: an id, its kind, the case, the worker concerned, when,
// and the evidence as JSON); one statement pages any of them by (time, id) within the inspector's subtree.
// Every table here has its owner elsewhere: these statements only read.

import type { AnomalyReport } from '@libs/domain/anomalies';
import { afterCursor, CHINA_TIME_ZONE, inWindow, type Queryable, Where } from '../sql';
import type { PlaceColumns, RecordsFilter, RecordsOrder, RecordTime } from './ledgers.repository';

interface Decided {
  taskId: string;
  taskKind: string;
  decision: string | null;
  decidedAt: string;
}

/** What the statements below put in a finding's evidence, by kind (each kind fills its own fields). */
export type AnomalyEvidence = {
  // refusedAttempt
  taskId?: string;
  attempt?: string;
  reason?: string;
  attemptedBy?: { id: string; username: string; role: string };
  relatives?: { name: string; relation: string; idNumber: string }[];
  // relativeDecided, sameSurnameSameVillage, relativeAtSameAddress
  relative?: {
    name: string;
    relation: string;
    idNumber: string;
    declaredAt?: string;
    withdrawnAt?: string | null;
  };
  decisions?: Decided[];
  surname?: string;
  members?: { name: string; relation: string }[];
  address?: string;
  // idNumberInTwoCases
  member?: { name: string; idNumber: string };
  otherCase?: {
    caseId: string;
    county: string | null;
    status: string;
    createdAt: string;
    closedAt: string | null;
  };
  atTheSameTime?: boolean;
  inAnotherCounty?: boolean;
  // incomeBelowReview, membersChangedBeforeReview
  survey?: { taskId: string; decidedAt: string; perCapitaIncome?: number };
  review?: { taskId: string; decidedAt: string; decidedBy: string; perCapitaIncome?: number };
  ratio?: number | null;
  threshold?: number;
  added?: { idNumber: string }[];
  removed?: { idNumber: string }[];
  // overdueTask, escalationIgnored
  taskKind?: string;
  candidateRole?: string;
  department?: string | null;
  dueAt?: string;
  escalationLevel?: number;
  escalatedAt?: string;
  taskJurisdiction?: { id: string; name: string };
  // planChangedWithoutReview, membersChangedAfterIntake
  recognisedAt?: string;
  ledgerEntryId?: string;
  recordedPlan?: unknown;
  currentPlan?: unknown;
  membersAtIntake?: number;
  membersNow?: number;
};

/** A finding of a report, with the case's place and the worker concerned (as their account is now). */
export type AnomalyRow = {
  id: string;
  kind: string;
  worker_id: string | null;
  worker_username: string | null;
  worker_name: string | null;
  worker_role: string | null;
  evidence: AnomalyEvidence;
} & PlaceColumns &
  RecordTime;

/** Where each report draws its lines (libs/domain anomalies holds the defaults). */
export interface AnomalyThresholds {
  /** Open tasks due before this instant are overdue past the threshold. */
  overdueBefore: Date;
  /** A review's per-capita income at least this many times the survey's is reported. */
  reviewIncomeRatio: number;
  /** Income kinds of a member's line in a survey or review form. */
  incomeKinds: readonly string[];
  /** Surnames of two characters (复姓). */
  compoundSurnames: readonly string[];
}

export interface AnomalyFilter extends RecordsFilter {
  /** One kind of finding of the report. */
  kind?: string;
}

// The surname of a name in SQL, as surnameOf in libs/domain decides it.
const surname = (name: string, compound: string) =>
  `(CASE WHEN char_length(btrim(${name})) > 2 AND left(btrim(${name}), 2) = ANY(${compound}::text[])
     THEN left(btrim(${name}), 2) ELSE left(btrim(${name}), 1) END)`;

// The per-capita income of a survey's or review's form: every income kind of every member, over the members.
const perCapita = (form: string, kinds: string) =>
  `(SELECT round(sum(COALESCE((i ->> k)::numeric, 0)) / NULLIF(count(DISTINCT i ->> 'idNumber'), 0), 2)
    FROM jsonb_array_elements(${form} -> 'incomes') i CROSS JOIN unnest(${kinds}::text[]) k)`;

// The members' ID numbers a survey's or review's form gives incomes for, sorted.
const formMembers = (form: string) =>
  `ARRAY(SELECT i ->> 'idNumber' FROM jsonb_array_elements(${form} -> 'incomes') i ORDER BY 1)`;

// A worker's completed decisions in a case, gathered: the tasks, what they decided, when.
const DECISIONS = `jsonb_agg(jsonb_build_object('taskId', t.id, 'taskKind', t.kind, 'decision', t.decision,
  'decidedAt', t.closed_at) ORDER BY t.closed_at)`;

/**
 * The findings of one report for cases in the subtree: rows of (id, kind, case_id, worker_id, at, evidence).
 * Every branch names its case `c` and is narrowed to the subtree itself, so none reads the whole platform.
 */
function findings(
  report: AnomalyReport,
  where: Where,
  thresholds: AnomalyThresholds,
  scopePath: string,
): string {
  const inScope = `(c.jurisdiction_path = ${where.p(scopePath)} OR c.jurisdiction_path LIKE ${where.p(`${scopePath}.%`)})`;
  switch (report) {
    case 'favouritism': {
      const compound = where.p(thresholds.compoundSurnames);
      return `
        -- 回避 refused: the API refused a worker who had declared a household member, and audited the attempt.
        SELECT 'refused:' || e.id AS id, 'refusedAttempt' AS kind, e.case_id, e.after ->> 'worker' AS worker_id,
          e.occurred_at AS at,
          jsonb_build_object('taskId', e.entity_id, 'attempt', e.after -> 'attempt', 'relatives',
            e.after -> 'relatives', 'reason', e.reason, 'attemptedBy', jsonb_build_object('id', e.actor_id,
            'username', e.actor_username, 'role', e.actor_role)) AS evidence
        FROM audit_events e JOIN cases c ON c.id = e.case_id
        WHERE e.action = 'task.relativeRefused' AND ${inScope}
        UNION ALL
        -- Decided by a worker who declared a household member (before or after the decision, or withdrawn).
        SELECT 'decided:' || t.case_id || ':' || r.id, 'relativeDecided', t.case_id, t.decided_by::text,
          max(t.closed_at),
          jsonb_build_object('relative', jsonb_build_object('name', r.name, 'relation', r.relation,
            'idNumber', r.id_number, 'declaredAt', r.declared_at, 'withdrawnAt', r.withdrawn_at),
            'decisions', ${DECISIONS})
        FROM tasks t JOIN cases c ON c.id = t.case_id
        JOIN household_members m ON m.household_id = c.household_id
        JOIN user_relatives r ON r.user_id = t.decided_by AND r.id_number = m.id_number
        WHERE t.status = 'completed' AND ${inScope}
        GROUP BY t.case_id, t.decided_by, r.id
        UNION ALL
        -- A signal: the deciding worker, posted in the household's village, has a member's surname.
        SELECT 'surname:' || t.case_id || ':' || t.decided_by, 'sameSurnameSameVillage', t.case_id,
          t.decided_by::text, max(t.closed_at),
          jsonb_build_object('surname', ${surname('u.display_name', compound)}, 'members',
            (SELECT jsonb_agg(jsonb_build_object('name', sm.name, 'relation', sm.relation)) FROM household_members sm
             WHERE sm.household_id = c.household_id
               AND ${surname('sm.name', compound)} = ${surname('u.display_name', compound)}),
            'decisions', ${DECISIONS})
        FROM tasks t JOIN cases c ON c.id = t.case_id JOIN users u ON u.id = t.decided_by
        WHERE t.status = 'completed' AND u.jurisdiction_id = c.village_id AND ${inScope}
          AND EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = c.household_id
            AND ${surname('m.name', compound)} = ${surname('u.display_name', compound)}
            AND NOT EXISTS (SELECT 1 FROM user_relatives r WHERE r.user_id = u.id AND r.id_number = m.id_number))
        GROUP BY t.case_id, t.decided_by, c.household_id, u.display_name
        UNION ALL
        -- A signal: a relative the deciding worker declared is registered at the household's address, in
        -- another household (the same 户籍 address, spaces aside).
        SELECT 'address:' || t.case_id || ':' || r.id, 'relativeAtSameAddress', t.case_id, t.decided_by::text,
          max(t.closed_at),
          jsonb_build_object('address', h.address, 'relative', jsonb_build_object('name', r.name,
            'relation', r.relation, 'idNumber', r.id_number), 'decisions', ${DECISIONS})
        FROM tasks t JOIN cases c ON c.id = t.case_id JOIN households h ON h.id = c.household_id
        JOIN user_relatives r ON r.user_id = t.decided_by
        WHERE t.status = 'completed' AND ${inScope}
          AND NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.id_number = r.id_number)
          AND EXISTS (SELECT 1 FROM household_members rm JOIN households rh ON rh.id = rm.household_id
            WHERE rm.id_number = r.id_number AND rh.id <> h.id
              AND regexp_replace(rh.address, '\\s', '', 'g') = regexp_replace(h.address, '\\s', '', 'g'))
        GROUP BY t.case_id, t.decided_by, r.id, h.address`;
    }
    case 'falseClaims': {
      const kinds = where.p(thresholds.incomeKinds);
      const ratio = where.p(thresholds.reviewIncomeRatio);
      return `
        -- One ID number in another household's case open at the same time, or in another county (a
        -- re-enrolment keeps its household, so it is not another household).
        SELECT 'idNumber:' || c.id || ':' || o.id || ':' || m.id_number AS id, 'idNumberInTwoCases' AS kind,
          c.id AS case_id, NULL AS worker_id, greatest(c.created_at, o.created_at) AS at,
          jsonb_build_object('member', jsonb_build_object('name', m.name, 'idNumber', m.id_number),
            'otherCase', jsonb_build_object('caseId', o.id, 'county', oc.name, 'status', o.status,
              'createdAt', o.created_at, 'closedAt', o.closed_at),
            'atTheSameTime', c.created_at < COALESCE(o.closed_at, 'infinity')
              AND o.created_at < COALESCE(c.closed_at, 'infinity'),
            'inAnotherCounty', split_part(o.jurisdiction_path, '.', 1) <> split_part(c.jurisdiction_path, '.', 1))
          AS evidence
        FROM cases c JOIN household_members m ON m.household_id = c.household_id
        JOIN household_members om ON om.id_number = m.id_number AND om.household_id <> c.household_id
        JOIN cases o ON o.household_id = om.household_id
        LEFT JOIN jurisdictions oc ON oc.id = split_part(o.jurisdiction_path, '.', 1)
        WHERE ${inScope}
          AND ((c.created_at < COALESCE(o.closed_at, 'infinity') AND o.created_at < COALESCE(c.closed_at, 'infinity'))
            OR split_part(o.jurisdiction_path, '.', 1) <> split_part(c.jurisdiction_path, '.', 1))
        UNION ALL
        -- A later review of the case found the per-capita income far above what the survey gave.
        SELECT 'income:' || r.id, 'incomeBelowReview', s.case_id, s.decided_by::text, r.closed_at,
          jsonb_build_object('survey', jsonb_build_object('taskId', s.id, 'decidedAt', s.closed_at,
              'perCapitaIncome', sp.income),
            'review', jsonb_build_object('taskId', r.id, 'decidedAt', r.closed_at, 'decidedBy', r.decided_by,
              'perCapitaIncome', rp.income),
            'ratio', round(rp.income / NULLIF(sp.income, 0), 2), 'threshold', ${ratio}::numeric)
        FROM tasks s JOIN cases c ON c.id = s.case_id
        JOIN tasks r ON r.case_id = s.case_id AND r.kind = 'periodicReview' AND r.status = 'completed'
        CROSS JOIN LATERAL (SELECT ${perCapita('s.form', kinds)} AS income) sp
        CROSS JOIN LATERAL (SELECT ${perCapita('r.form', kinds)} AS income) rp
        WHERE s.kind = 'homeSurvey' AND s.status = 'completed' AND s.decision = 'approve' AND ${inScope}
          AND rp.income > sp.income AND rp.income >= sp.income * ${ratio}::numeric
        UNION ALL
        -- The review gave incomes for other members than the survey did: members were added or removed
        -- between the two (the platform itself changes no member after intake).
        SELECT 'members:' || r.id, 'membersChangedBeforeReview', s.case_id, s.decided_by::text, r.closed_at,
          jsonb_build_object('survey', jsonb_build_object('taskId', s.id, 'decidedAt', s.closed_at),
            'review', jsonb_build_object('taskId', r.id, 'decidedAt', r.closed_at, 'decidedBy', r.decided_by),
            'added', (SELECT COALESCE(jsonb_agg(jsonb_build_object('idNumber', x)), '[]')
              FROM unnest(${formMembers('r.form')}) x WHERE x <> ALL(${formMembers('s.form')})),
            'removed', (SELECT COALESCE(jsonb_agg(jsonb_build_object('idNumber', x)), '[]')
              FROM unnest(${formMembers('s.form')}) x WHERE x <> ALL(${formMembers('r.form')})))
        FROM tasks s JOIN cases c ON c.id = s.case_id
        JOIN tasks r ON r.case_id = s.case_id AND r.kind = 'periodicReview' AND r.status = 'completed'
        WHERE s.kind = 'homeSurvey' AND s.status = 'completed' AND s.decision = 'approve' AND ${inScope}
          AND ${formMembers('r.form')} <> ${formMembers('s.form')}`;
    }
    case 'inaction':
      return `
        -- Open past the threshold: the worker it is assigned to (none when nobody claimed it).
        SELECT 'overdue:' || t.id AS id, 'overdueTask' AS kind, t.case_id, t.assignee_id::text AS worker_id,
          t.due_at AS at,
          jsonb_build_object('taskId', t.id, 'taskKind', t.kind, 'candidateRole', t.candidate_role,
            'department', t.department, 'dueAt', t.due_at, 'escalationLevel', t.escalation_level,
            'taskJurisdiction', jsonb_build_object('id', tj.id, 'name', tj.name)) AS evidence
        FROM tasks t JOIN cases c ON c.id = t.case_id JOIN jurisdictions tj ON tj.id = t.jurisdiction_id
        WHERE t.status = 'open' AND t.due_at < ${where.p(thresholds.overdueBefore)} AND ${inScope}
        UNION ALL
        -- Escalated (its latest 督办) and still open: nobody acted on it since.
        SELECT 'escalation:' || e.id, 'escalationIgnored', t.case_id, t.assignee_id::text, e.occurred_at,
          jsonb_build_object('taskId', t.id, 'taskKind', t.kind, 'candidateRole', t.candidate_role,
            'department', t.department, 'dueAt', t.due_at, 'escalationLevel', e.after -> 'escalationLevel',
            'escalatedAt', e.occurred_at)
        FROM audit_events e JOIN tasks t ON t.id = e.entity_id JOIN cases c ON c.id = t.case_id
        WHERE e.action = 'task.escalated' AND t.status = 'open' AND ${inScope}
          AND NOT EXISTS (SELECT 1 FROM audit_events later
            WHERE later.entity_id = e.entity_id AND later.action = 'task.escalated' AND later.id > e.id)`;
    case 'editsAfterDecision':
      return `
        -- The case's plan is not the one its last 制定帮扶计划 ledger entry recorded: edited outside a review.
        SELECT 'plan:' || c.id AS id, 'planChangedWithoutReview' AS kind, c.id AS case_id, NULL AS worker_id,
          l.recorded_at AS at,
          jsonb_build_object('recognisedAt', c.recognised_at, 'ledgerEntryId', l.id,
            'recordedPlan', l.entry -> 'plan', 'currentPlan', c.plan) AS evidence
        FROM cases c
        JOIN LATERAL (SELECT le.id, le.entry, le.recorded_at FROM ledger_entries le
          WHERE le.case_id = c.id AND le.event = 'planDrafted' ORDER BY le.recorded_at DESC, le.id DESC LIMIT 1) l
          ON true
        WHERE c.recognised_at IS NOT NULL AND c.plan IS DISTINCT FROM l.entry -> 'plan' AND ${inScope}
        UNION ALL
        -- A recognised household whose members are not as many as at intake (the platform changes none).
        SELECT 'household:' || c.id, 'membersChangedAfterIntake', c.id, NULL, c.recognised_at,
          jsonb_build_object('recognisedAt', c.recognised_at, 'membersAtIntake', (e.after ->> 'members')::int,
            'membersNow', n.count)
        FROM cases c JOIN audit_events e ON e.event_key = c.id || ':created'
        CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM household_members m
          WHERE m.household_id = c.household_id) n
        WHERE c.recognised_at IS NOT NULL AND n.count <> (e.after ->> 'members')::int AND ${inScope}`;
  }
}

export class AnomaliesRepository {
  /** One keyset page of a report's findings for cases in the subtree, in the window, after the cursor. */
  async findPage(
    db: Queryable,
    report: AnomalyReport,
    thresholds: AnomalyThresholds,
    filter: AnomalyFilter,
    after: { at: string; id: string } | undefined,
    limit: number,
    order: RecordsOrder,
  ): Promise<AnomalyRow[]> {
    const where = new Where();
    const source = findings(report, where, thresholds, filter.scopePath);
    // The township or village asked for, within the subtree.
    inWindow(where, 'a.at', filter);
    if (filter.villageId) where.add(`c.village_id = ${where.p(filter.villageId)}`);
    if (filter.jurisdictionId) {
      where.add(`EXISTS (SELECT 1 FROM jurisdictions wj WHERE wj.id = ${where.p(filter.jurisdictionId)}
        AND (c.jurisdiction_path = wj.path OR c.jurisdiction_path LIKE wj.path || '.%'))`);
    }
    if (filter.kind) where.add(`a.kind = ${where.p(filter.kind)}`);
    afterCursor(where, ['a.at', 'a.id'], after, order);
    const direction = order === 'newest' ? 'DESC' : 'ASC';
    return db.query(
      `SELECT a.id, a.kind, a.case_id, a.worker_id, w.username AS worker_username, w.display_name AS worker_name,
         w.role AS worker_role, a.evidence, to_json(a.at) #>> '{}' AS at_key,
         to_char(a.at AT TIME ZONE '${CHINA_TIME_ZONE}', 'YYYY-MM-DD HH24:MI:SS') AS at_local,
         c.village_id, v.name AS village_name, tw.id AS township_id, tw.name AS township_name,
         hm.name AS head_name, hm.id_number AS head_id_number
       FROM (${source}) a
       JOIN cases c ON c.id = a.case_id
       JOIN jurisdictions v ON v.id = c.village_id
       LEFT JOIN jurisdictions tw ON tw.id = v.parent_id
       LEFT JOIN household_members hm ON hm.household_id = c.household_id AND hm.relation = 'head'
       LEFT JOIN users w ON w.id::text = a.worker_id
       WHERE ${where.toSql()}
       ORDER BY a.at ${direction}, a.id ${direction}
       LIMIT ${where.p(limit)}`,
      where.params,
    );
  }

  /** 不作为 open tasks past the threshold in the subtree, counted by the worker they are assigned to. */
  async countOverdueByWorker(
    db: Queryable,
    scopePath: string,
    overdueBefore: Date,
  ): Promise<
    (Pick<AnomalyRow, 'worker_id' | 'worker_username' | 'worker_name' | 'worker_role'> & {
      overdue: number;
    })[]
  > {
    return db.query(
      `SELECT t.assignee_id::text AS worker_id, u.username AS worker_username, u.display_name AS worker_name,
         u.role AS worker_role, count(*)::int AS overdue
       FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
       WHERE t.status = 'open' AND t.due_at < $3 AND (t.jurisdiction_path = $1 OR t.jurisdiction_path LIKE $2)
       GROUP BY t.assignee_id, u.username, u.display_name, u.role
       ORDER BY overdue DESC, worker_username NULLS LAST`,
      [scopePath, `${scopePath}.%`, overdueBefore],
    );
  }

  /** 不作为 open tasks past the threshold in the subtree, counted by the place they wait in. */
  async countOverdueByJurisdiction(
    db: Queryable,
    scopePath: string,
    overdueBefore: Date,
  ): Promise<{ jurisdiction_id: string; jurisdiction_name: string; overdue: number }[]> {
    return db.query(
      `SELECT t.jurisdiction_id, j.name AS jurisdiction_name, count(*)::int AS overdue
       FROM tasks t JOIN jurisdictions j ON j.id = t.jurisdiction_id
       WHERE t.status = 'open' AND t.due_at < $3 AND (t.jurisdiction_path = $1 OR t.jurisdiction_path LIKE $2)
       GROUP BY t.jurisdiction_id, j.name
       ORDER BY overdue DESC, t.jurisdiction_id`,
      [scopePath, `${scopePath}.%`, overdueBefore],
    );
  }
}
