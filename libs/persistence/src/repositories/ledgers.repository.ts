// 台账 ledgers: the three registers (识别, 帮扶, 退出) the workflow writes an entry in at each milestone, and
// the inspection flags (监督检查) an override of the data check raises. Every statement on ledger_entries and
// inspection_flags lives here; both carry the case's jurisdiction_path, so a place's records are a prefix match.

import type { Actor, Ledger } from '@libs/contracts';
import type { Queryable } from '../sql';

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
}
