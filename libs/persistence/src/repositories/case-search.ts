// 案件查询 what the case search narrows to, as a WHERE on `cases c`: the user's scope, a place, the head's
// name, an ID number, stage, status, urgency, the days entered and who entered them. CasesRepository runs it.

import type { CaseStage, TaskKind } from '@libs/domain';
import { Where, containing, inSubtree, inWindow } from '../sql';
import type { CaseRow } from './cases.repository';

export interface CaseSearchFilter {
  scopePath: string;
  /** Set for a department officer: only cases its department has business with; null matches none. */
  department?: string | null;
  /** The path of the jurisdiction asked for (jurisdictionId), narrowing the scope. */
  withinPath?: string;
  villageId?: string;
  headName?: string;
  idNumber?: string;
  stage?: CaseStage;
  status?: string;
  urgent?: boolean;
  createdFrom?: string;
  createdTo?: string;
  enteredBy?: string;
}

/** A line of the search: the case, its place, who entered it, its head and its open tasks. */
export type CaseSearchRow = Pick<
  CaseRow,
  'id' | 'stage' | 'status' | 'urgent' | 'channel' | 'village_id' | 'created_at' | 'created_by'
> & {
  at_key: string;
  village_name: string;
  township_id: string;
  township_name: string;
  created_by_name: string | null;
  head_name: string | null;
  head_id_number: string | null;
  member_count: number;
  open_tasks: { kind: TaskKind; dueAt: string }[];
};

/**
 * A department's business with the case `c`, the department being the parameter `department`: a task of the
 * department on it in any status (a data-check request, a measure's steps), a support measure transferred to
 * it, or the referral (部门预警) it made.
 */
export const departmentBusiness = (department: string): string => `
  (EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department = ${department})
  OR EXISTS (SELECT 1 FROM support_measures m WHERE m.case_id = c.id AND m.department = ${department})
  OR c.application -> 'referral' ->> 'department' = ${department})`;

export function searchWhere(filter: CaseSearchFilter): Where {
  const where = new Where();
  inSubtree(where, 'c.jurisdiction_path', filter.scopePath);
  if (filter.withinPath) inSubtree(where, 'c.jurisdiction_path', filter.withinPath);
  if (filter.department !== undefined) {
    // An officer without a department has business with no case.
    if (filter.department === null) where.add('false');
    else where.add(departmentBusiness(where.p(filter.department)));
  }
  if (filter.villageId) where.add(`c.village_id = ${where.p(filter.villageId)}`);
  if (filter.headName) {
    where.add(`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = c.household_id
      AND m.relation = 'head' AND m.name LIKE ${where.p(containing(filter.headName))})`);
  }
  if (filter.idNumber) {
    where.add(`c.household_id IN (SELECT m.household_id FROM household_members m
      WHERE m.id_number = ${where.p(filter.idNumber)})`);
  }
  if (filter.stage) where.add(`c.stage = ${where.p(filter.stage)}`);
  if (filter.status) where.add(`c.status = ${where.p(filter.status)}`);
  if (filter.urgent !== undefined) where.add(`c.urgent = ${where.p(filter.urgent)}`);
  if (filter.enteredBy) where.add(`c.created_by = ${where.p(filter.enteredBy)}::uuid`);
  inWindow(where, 'c.created_at', { from: filter.createdFrom, to: filter.createdTo });
  return where;
}
