// A record's place and household, as every ledger and inspection list and export shows them.

import type { PlaceColumns } from '@libs/persistence';

/** Where a listed record belongs and whose household it is, in a list's JSON. */
export function placeView(row: PlaceColumns) {
  return {
    caseId: row.case_id,
    townshipId: row.township_id,
    townshipName: row.township_name,
    villageId: row.village_id,
    villageName: row.village_name,
    householdHead: row.head_name,
    householdHeadIdNumber: row.head_id_number ?? null,
  };
}

/** The place and household cells of an export row, in the order of their headers. */
export const placeCells = (row: PlaceColumns) =>
  [row.township_name, row.village_name, row.head_name, row.head_id_number] as const;
