// 统计 the figures of the reporting rhythm (季度调度, 半年通报, 年终考评) for one jurisdiction's subtree and one period,
// read from the read model: cases and their households, the ledgers, support measures and tasks. Each figure
// is grouped by the child of the chosen jurisdiction its case lies under (a township of a county, a village of
// a township; a village's figures are its own).

import type { Queryable } from '../sql';

/** Which subtree and which period [start, end). */
export interface StatisticsScope {
  jurisdictionId: string;
  /** The chosen jurisdiction's path. */
  path: string;
  start: Date;
  end: Date;
}

/** Households and people in each state, under one child of the chosen jurisdiction. */
export interface HouseholdFiguresRow {
  place_id: string;
  enrolled_households: number;
  enrolled_people: number;
  recognised_households: number;
  recognised_people: number;
  in_support_households: number;
  in_support_people: number;
  exited_households: number;
  exited_people: number;
  relapsed_households: number;
  relapsed_people: number;
}

export interface CauseFiguresRow {
  cause: string;
  households: number;
}

export interface MeasureFiguresRow {
  department: string;
  status: string;
  measures: number;
}

export interface SlaFiguresRow {
  kind: string;
  closed: number;
  on_time: number;
}

// The child of the chosen jurisdiction (path $1, id $2) that a path lies under, or the chosen one itself.
const childOf = (column: string) =>
  `COALESCE(NULLIF(split_part(substr(${column}, length($1) + 2), '.', 1), ''), $2)`;

const inScope = (column: string) => `(${column} = $1 OR ${column} LIKE $1 || '.%')`;

// A ledger event of the case (its original row, not a correction) recorded in [from, until).
const ledgerEvent = (event: string, from: string | null, until: string) =>
  `EXISTS (SELECT 1 FROM ledger_entries le WHERE le.case_id = c.id AND le.event = '${event}'
     AND le.corrects IS NULL ${from ? `AND le.recorded_at >= ${from}` : ''} AND le.recorded_at < ${until})`;

// Each household once per state: a household with two cases in a period (a relapse re-enrols it) counts once.
const FIGURES = ['enrolled', 'recognised', 'in_support', 'exited', 'relapsed'] as const;

export class StatisticsRepository {
  /** Households and people enrolled, recognised, in support (at the period's end), exited and relapsed. */
  async findHouseholdFigures(db: Queryable, scope: StatisticsScope): Promise<HouseholdFiguresRow[]> {
    return db.query(
      `WITH states AS (
         SELECT ${childOf('c.jurisdiction_path')} AS place_id, c.household_id,
           bool_or(c.created_at >= $3 AND c.created_at < $4) AS enrolled,
           bool_or(c.recognised_at >= $3 AND c.recognised_at < $4) AS recognised,
           bool_or(c.recognised_at < $4 AND (c.closed_at IS NULL OR c.closed_at >= $4)
             AND NOT ${ledgerEvent('exited', null, '$4')}) AS in_support,
           bool_or(${ledgerEvent('exited', '$3', '$4')}) AS exited,
           bool_or(${ledgerEvent('reEnrolled', '$3', '$4')}) AS relapsed
         FROM cases c
         WHERE ${inScope('c.jurisdiction_path')} AND c.created_at < $4
         GROUP BY 1, 2
       )
       SELECT s.place_id,
         ${FIGURES.map(
           (figure) => `count(*) FILTER (WHERE s.${figure})::int AS ${figure}_households,
         coalesce(sum(m.people) FILTER (WHERE s.${figure}), 0)::int AS ${figure}_people`,
         ).join(',\n         ')}
       FROM states s
       CROSS JOIN LATERAL (SELECT count(*) AS people FROM household_members hm
         WHERE hm.household_id = s.household_id) m
       GROUP BY s.place_id`,
      [scope.path, scope.jurisdictionId, scope.start, scope.end],
    );
  }

  /** 致贫原因 households in support at the period's end by each cause they have (one household, many causes). */
  async findCauseFigures(db: Queryable, scope: StatisticsScope): Promise<CauseFiguresRow[]> {
    return db.query(
      `SELECT cause, count(DISTINCT c.household_id)::int AS households
       FROM cases c
       CROSS JOIN LATERAL jsonb_array_elements_text(
         coalesce(c.evaluation #> '{survey,povertyCauses}', c.application -> 'povertyCauses', '[]'::jsonb)) cause
       WHERE ${inScope('c.jurisdiction_path')}
         AND c.recognised_at < $2 AND (c.closed_at IS NULL OR c.closed_at >= $2)
         AND NOT ${ledgerEvent('exited', null, '$2')}
       GROUP BY cause ORDER BY households DESC, cause`,
      [scope.path, scope.end],
    );
  }

  /** 帮扶措施 measures whose status last changed in the period, by department and status. */
  async findMeasureFigures(db: Queryable, scope: StatisticsScope): Promise<MeasureFiguresRow[]> {
    return db.query(
      `SELECT sm.department, sm.status, count(*)::int AS measures
       FROM support_measures sm JOIN cases c ON c.id = sm.case_id
       WHERE ${inScope('c.jurisdiction_path')} AND sm.updated_at >= $2 AND sm.updated_at < $3
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [scope.path, scope.start, scope.end],
    );
  }

  /** 按时办结 tasks of the subtree's cases completed in the period, and how many of them by their deadline. */
  async findSlaFigures(db: Queryable, scope: StatisticsScope): Promise<SlaFiguresRow[]> {
    return db.query(
      `SELECT t.kind, count(*)::int AS closed, count(*) FILTER (WHERE t.closed_at <= t.due_at)::int AS on_time
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE ${inScope('c.jurisdiction_path')} AND t.status = 'completed'
         AND t.closed_at >= $2 AND t.closed_at < $3
       GROUP BY 1 ORDER BY 1`,
      [scope.path, scope.start, scope.end],
    );
  }
}
