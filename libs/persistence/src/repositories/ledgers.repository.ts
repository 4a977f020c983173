// 台账 ledgers: the three registers (识别, 帮扶, 退出) the workflow writes an entry in at each milestone, and
// the inspection flags (监督检查) an override of the data check raises. Every statement on ledger_entries and
// inspection_flags lives here; both carry the case's jurisdiction_path, so a place's records are a prefix match.

import type { Actor, Ledger } from '@libs/contracts';
import {
  afterCursor,
  CHINA_TIME_ZONE,
  inSubtree,
  inWindow,
  type Queryable,
  type RecordsWindow,
  Where,
} from '../sql';

/** A row of `ledger_entries`, as PostgreSQL returns it. */
export interface LedgerEntryRow {
  /** Chosen by the workflow (case + event): a retried write adds nothing. */
  id: string;
  ledger: Ledger;
  case_id: string;
  jurisdiction_path: string;
  event: string;
  entry: Record<string, unknown>;
  recorded_at: Date;
  /** The entry this row corrects: entries are never edited, a correction is a new row. Null for the original. */
  corrects: string | null;
}

/** A row of `inspection_flags`, as PostgreSQL returns it. */
export interface InspectionFlagRow {
  id: string;
  kind: string;
  case_id: string;
  jurisdiction_path: string;
  actor_id: string;
  actor_username: string;
  actor_role: string;
  reason: string;
  detail: Record<string, unknown>;
  flagged_at: Date;
}

export interface NewLedgerEntry {
  entryId: string;
  ledger: Ledger;
  caseId: string;
  event: string;
  entry: Record<string, unknown>;
}

export interface NewInspectionFlag {
  id: string;
  kind: string;
  caseId: string;
  actor: Actor;
  reason: string;
  detail: Record<string, unknown>;
}

/** 更正 a correction of an entry: a new row of the same ledger, case and event, its entry as corrected. */
export interface NewLedgerCorrection {
  id: string;
  corrects: string;
  entry: Record<string, unknown>;
}

/** Which records a list or export asks for: a subtree, a window, perhaps one place within the subtree. */
export interface RecordsFilter extends RecordsWindow {
  scopePath: string;
  villageId?: string;
  /** A township or village whose subtree narrows the scope (the scope still applies). */
  jurisdictionId?: string;
}

export type RecordsOrder = 'newest' | 'oldest';

/** Where a record belongs and whose household it is: the case's village, township and household head. */
export interface PlaceColumns {
  case_id: string;
  village_id: string;
  village_name: string;
  township_id: string | null;
  township_name: string | null;
  head_name: string | null;
  head_id_number: string | null;
}

/** A record's time as PostgreSQL's own ISO text (microseconds kept, an exact keyset cursor) and in China time. */
export interface RecordTime {
  at_key: string;
  /** `YYYY-MM-DD HH:MM:SS`, China-local. */
  at_local: string;
}

export type LedgerEntryWithPlace = Pick<
  LedgerEntryRow,
  'id' | 'ledger' | 'event' | 'case_id' | 'entry' | 'recorded_at' | 'corrects'
> & {
  /** The row that corrects this one, if any. */
  corrected_by: string | null;
} & PlaceColumns &
  RecordTime;

/** A flag with who raised it (their name as it is now, if they still have an account). */
export type InspectionFlagWithPlace = Pick<
  InspectionFlagRow,
  | 'id'
  | 'kind'
  | 'case_id'
  | 'actor_id'
  | 'actor_username'
  | 'actor_role'
  | 'reason'
  | 'detail'
  | 'flagged_at'
> & { actor_name: string | null } & PlaceColumns &
  RecordTime;

const PLACE_COLUMNS = `c.village_id, v.name AS village_name, tw.id AS township_id, tw.name AS township_name,
  m.name AS head_name, m.id_number AS head_id_number`;

// The case row, its village and township, and the household head (exactly one per household).
const PLACE_JOINS = (alias: string) => `
  JOIN cases c ON c.id = ${alias}.case_id
  JOIN jurisdictions v ON v.id = c.village_id
  LEFT JOIN jurisdictions tw ON tw.id = v.parent_id
  LEFT JOIN household_members m ON m.household_id = c.household_id AND m.relation = 'head'`;

const timeColumns = (column: string) => `to_json(${column}) #>> '{}' AS at_key,
  to_char(${column} AT TIME ZONE '${CHINA_TIME_ZONE}', 'YYYY-MM-DD HH24:MI:SS') AS at_local`;

function recordsWhere(where: Where, alias: string, timeColumn: string, filter: RecordsFilter): void {
  inSubtree(where, `${alias}.jurisdiction_path`, filter.scopePath);
  inWindow(where, timeColumn, filter);
  if (filter.villageId) where.add(`c.village_id = ${where.p(filter.villageId)}`);
  if (filter.jurisdictionId) {
    // The place's subtree by its path; a place that does not exist matches nothing.
    const column = `${alias}.jurisdiction_path`;
    where.add(
      `EXISTS (SELECT 1 FROM jurisdictions wj WHERE wj.id = ${where.p(filter.jurisdictionId)}
         AND (${column} = wj.path OR ${column} LIKE wj.path || '.%'))`,
    );
  }
}

const orderBy = (columns: [string, string], order: RecordsOrder) =>
  order === 'newest' ? `${columns[0]} DESC, ${columns[1]} DESC` : `${columns[0]}, ${columns[1]}`;

export class LedgersRepository {
  /** Writes the entry where the case is; when it was recorded, undefined when it was written already. */
  async insertEntry(db: Queryable, entry: NewLedgerEntry): Promise<Date | undefined> {
    const written: Pick<LedgerEntryRow, 'recorded_at'>[] = await db.query(
      `INSERT INTO ledger_entries (id, ledger, case_id, jurisdiction_path, event, entry)
       SELECT $1, $2, c.id, c.jurisdiction_path, $4, $5 FROM cases c WHERE c.id = $3
       ON CONFLICT (id) DO NOTHING RETURNING recorded_at`,
      [entry.entryId, entry.ledger, entry.caseId, entry.event, JSON.stringify(entry.entry)],
    );
    return written[0]?.recorded_at;
  }

  /** One entry of a ledger with where its case is and the row that corrected it, if any. */
  async findEntry(
    db: Queryable,
    ledger: Ledger,
    id: string,
  ): Promise<
    | (Pick<LedgerEntryRow, 'id' | 'case_id' | 'jurisdiction_path' | 'event' | 'entry' | 'corrects'> & {
        corrected_by: string | null;
      })
    | undefined
  > {
    const [row] = await db.query(
      `SELECT e.id, e.case_id, e.jurisdiction_path, e.event, e.entry, e.corrects, fix.id AS corrected_by
       FROM ledger_entries e LEFT JOIN ledger_entries fix ON fix.corrects = e.id
       WHERE e.ledger = $1 AND e.id = $2`,
      [ledger, id],
    );
    return row;
  }

  /**
   * Writes a correction of an entry beside it (same ledger, case, place and event); when it was recorded,
   * undefined when the entry has been corrected already (a row is corrected once: correct the newer row).
   */
  async insertCorrection(db: Queryable, correction: NewLedgerCorrection): Promise<Date | undefined> {
    const written: Pick<LedgerEntryRow, 'recorded_at'>[] = await db.query(
      `INSERT INTO ledger_entries (id, ledger, case_id, jurisdiction_path, event, entry, corrects)
       SELECT $1, e.ledger, e.case_id, e.jurisdiction_path, e.event, $3, e.id FROM ledger_entries e WHERE e.id = $2
       ON CONFLICT DO NOTHING RETURNING recorded_at`,
      [correction.id, correction.corrects, JSON.stringify(correction.entry)],
    );
    return written[0]?.recorded_at;
  }

  /** Flags the case for inspection where it is; false when the flag was raised already. */
  async insertInspectionFlag(db: Queryable, flag: NewInspectionFlag): Promise<boolean> {
    const flagged = await db.query(
      `INSERT INTO inspection_flags (id, kind, case_id, jurisdiction_path, actor_id, actor_username, actor_role,
         reason, detail)
       SELECT $1, $2, c.id, c.jurisdiction_path, $4, $5, $6, $7, $8 FROM cases c WHERE c.id = $3
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        flag.id,
        flag.kind,
        flag.caseId,
        flag.actor.userId,
        flag.actor.username,
        flag.actor.role,
        flag.reason,
        JSON.stringify(flag.detail),
      ],
    );
    return flagged.length > 0;
  }

  /** One keyset page of a ledger's entries in the subtree, in the window, after the (recorded_at, id) cursor. */
  async findEntries(
    db: Queryable,
    ledger: Ledger,
    filter: RecordsFilter,
    after: { at: string; id: string } | undefined,
    limit: number,
    order: RecordsOrder,
  ): Promise<LedgerEntryWithPlace[]> {
    const where = new Where();
    where.add(`e.ledger = ${where.p(ledger)}`);
    recordsWhere(where, 'e', 'e.recorded_at', filter);
    const keys: [string, string] = ['e.recorded_at', 'e.id'];
    afterCursor(where, keys, after, order);
    return db.query(
      `SELECT e.id, e.ledger, e.event, e.case_id, e.entry, e.recorded_at, e.corrects,
         (SELECT fix.id FROM ledger_entries fix WHERE fix.corrects = e.id) AS corrected_by,
         ${timeColumns('e.recorded_at')}, ${PLACE_COLUMNS}
       FROM ledger_entries e ${PLACE_JOINS('e')}
       WHERE ${where.toSql()}
       ORDER BY ${orderBy(keys, order)}
       LIMIT ${where.p(limit)}`,
      where.params,
    );
  }

  /** One keyset page of the flags of one kind in the subtree, in the window, with who raised them. */
  async findInspectionFlags(
    db: Queryable,
    kind: string,
    filter: RecordsFilter,
    after: { at: string; id: string } | undefined,
    limit: number,
    order: RecordsOrder,
  ): Promise<InspectionFlagWithPlace[]> {
    const where = new Where();
    where.add(`f.kind = ${where.p(kind)}`);
    recordsWhere(where, 'f', 'f.flagged_at', filter);
    const keys: [string, string] = ['f.flagged_at', 'f.id'];
    afterCursor(where, keys, after, order);
    return db.query(
      `SELECT f.id, f.kind, f.case_id, f.actor_id, f.actor_username, u.display_name AS actor_name, f.actor_role,
         f.reason, f.detail, f.flagged_at, ${timeColumns('f.flagged_at')}, ${PLACE_COLUMNS}
       FROM inspection_flags f ${PLACE_JOINS('f')}
       LEFT JOIN users u ON u.id::text = f.actor_id
       WHERE ${where.toSql()}
       ORDER BY ${orderBy(keys, order)}
       LIMIT ${where.p(limit)}`,
      where.params,
    );
  }
}
