import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface NoticeSheetPlaceRow {
  county: string;
  township: string;
  village: string;
}

export interface NoticeSheetHouseholdRow {
  case_id: string;
  household_head: string;
  household_head_id_number: string;
  member_count: number;
}

/** The read model's view of a village's public notices. */
@Injectable()
export class NoticeSheetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findPlace(villageId: string): Promise<NoticeSheetPlaceRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT c.name AS county, t.name AS township, v.name AS village
         FROM jurisdictions v
         JOIN jurisdictions t ON t.id = v.parent_id
         JOIN jurisdictions c ON c.id = t.parent_id
        WHERE v.id = $1`,
      [villageId],
    );
    return row;
  }

  /** The households whose notice is still to be posted in the village, and the given task's in any case. */
  findHouseholds(villageId: string, taskId: string): Promise<NoticeSheetHouseholdRow[]> {
    return this.dataSource.query(
      `SELECT t.case_id, t.household_head, t.household_head_id_number,
              (SELECT count(*)::int FROM household_members m WHERE m.household_id = c.household_id) AS member_count
         FROM tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.kind = 'publicNotice' AND t.village_id = $1 AND (t.status = 'open' OR t.id = $2)
        ORDER BY t.opened_at, t.id`,
      [villageId, taskId],
    );
  }
}
