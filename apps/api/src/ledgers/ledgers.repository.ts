// SQL over ledger_entries (三本台账, written by the workflow activities) and inspection_flags, each row
// with where it belongs and whose household it is. Scoped by a prefix match on jurisdiction_path.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Ledger } from '@libs/contracts';
import { afterCursor, CHINA_TIME_ZONE, inSubtree, inWindow, Where } from '@libs/persistence';
import type { RecordsFilter } from './records-query';
import type { TimeCursor } from '../common/pagination';

export type RecordsOrder = 'newest' | 'oldest';

/** Where a record belongs and whose household it is: the case's village, township and household head. */
interface PlaceColumns {
  case_id: string;
  village_id: string;
  village_name: string;
  township_id: string | null;
  township_name: string | null;
  head_name: string | null;
  head_id_number: string | null;
}

export interface LedgerEntryRow extends PlaceColumns {
  id: string;
  ledger: Ledger;
  event: string;
  entry: Record<string, unknown>;
  recorded_at: Date;
  /** recorded_at as PostgreSQL's own ISO text (microseconds kept) for an exact keyset cursor. */
  at_key: string;
  /** recorded_at in China time, `YYYY-MM-DD HH:MM:SS`. */
  at_local: string;
}

export interface OverrideFlagRow extends PlaceColumns {
  id: string;
  kind: string;
  actor_id: string;
  actor_username: string;
  actor_name: string | null;
  actor_role: string;
  reason: string;
  detail: Record<string, unknown>;
  flagged_at: Date;
  at_key: string;
  at_local: string;
}

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

@Injectable()
export class LedgersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One keyset page of a ledger's entries in the subtree, in the window. */
  async findLedgerEntries(
    ledger: Ledger,
    filter: RecordsFilter,
    after: TimeCursor | undefined,
    limit: number,
    order: RecordsOrder,
  ): Promise<LedgerEntryRow[]> {
    const where = new Where();
    where.add(`e.ledger = ${where.p(ledger)}`);
    recordsWhere(where, 'e', 'e.recorded_at', filter);
    const keys: [string, string] = ['e.recorded_at', 'e.id'];
    afterCursor(where, keys, after, order);
    return this.dataSource.query(
      `SELECT e.id, e.ledger, e.event, e.case_id, e.entry, e.recorded_at, ${timeColumns('e.recorded_at')},
         ${PLACE_COLUMNS}
       FROM ledger_entries e ${PLACE_JOINS('e')}
       WHERE ${where.toSql()}
       ORDER BY ${orderBy(keys, order)}
       LIMIT ${where.p(limit)}`,
      where.params,
    );
  }

  /** One keyset page of the flags of one kind in the subtree, in the window, with who raised them. */
  async findInspectionFlags(
    kind: string,
    filter: RecordsFilter,
    after: TimeCursor | undefined,
    limit: number,
    order: RecordsOrder,
  ): Promise<OverrideFlagRow[]> {
    const where = new Where();
    where.add(`f.kind = ${where.p(kind)}`);
    recordsWhere(where, 'f', 'f.flagged_at', filter);
    const keys: [string, string] = ['f.flagged_at', 'f.id'];
    afterCursor(where, keys, after, order);
    return this.dataSource.query(
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
