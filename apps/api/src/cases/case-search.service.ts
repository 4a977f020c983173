// 案件查询 the case search in the caller's scope. A search by a member's ID number is itself audited (who,
// with which role and jurisdiction, the masked number, how many cases it found): the number finds a person.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CASE_STATUS_LABELS, STAGE_LABELS, maskIdNumber, taskStep } from '@libs/domain';
import {
  type CaseSearchFilter,
  type CaseSearchRow,
  CasesRepository,
  JurisdictionsRepository,
  appendAuditEvent,
} from '@libs/persistence';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { checkDateWindow } from '../common/date-window';
import { badCursor, decodeTimeCursor, keysetPage } from '../common/pagination';
import type { CaseSearchPageDto, CaseSearchQueryDto } from './dto/case-search.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class CaseSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly jurisdictions: JurisdictionsRepository,
  ) {}

  async search(query: CaseSearchQueryDto, user: AuthUser): Promise<CaseSearchPageDto> {
    checkDateWindow({ createdFrom: query.createdFrom, createdTo: query.createdTo });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCaseCursor(query.cursor) : undefined;
    const filter: CaseSearchFilter = {
      scopePath: user.jurisdictionPath,
      ...(user.role === 'departmentOfficer' ? { department: user.department } : {}),
      villageId: query.villageId,
      headName: query.headName || undefined,
      idNumber: query.idNumber,
      stage: query.stage,
      status: query.status,
      urgent: query.urgent,
      createdFrom: query.createdFrom,
      createdTo: query.createdTo,
      enteredBy: query.initiatedByMe ? user.userId : undefined,
    };
    if (query.jurisdictionId) {
      const path = await this.jurisdictions.findPath(this.dataSource, query.jurisdictionId);
      // A place that does not exist holds no case; one outside the scope meets it nowhere (the scope still applies).
      if (!path) return { items: [], nextCursor: null };
      filter.withinPath = path;
    }
    const rows = await this.cases.search(this.dataSource, filter, after, limit + 1);
    const page = keysetPage(rows, limit, caseSearchItem, (last) => [last.at_key, last.id]);
    if (query.idNumber) await this.auditIdNumberSearch(query, filter, page.items, user);
    return page;
  }

  /** 按身份证号查询 留痕: in a transaction of its own; if it cannot be written, the search answers nothing. */
  private async auditIdNumberSearch(
    query: CaseSearchQueryDto,
    filter: CaseSearchFilter,
    items: { id: string }[],
    user: AuthUser,
  ): Promise<void> {
    const idNumber = maskIdNumber(query.idNumber!);
    const matched = await this.cases.countSearch(this.dataSource, filter);
    const filters = Object.fromEntries(
      Object.entries({
        headName: query.headName || undefined,
        villageId: query.villageId,
        jurisdictionId: query.jurisdictionId,
        stage: query.stage,
        status: query.status,
        urgent: query.urgent,
        createdFrom: query.createdFrom,
        createdTo: query.createdTo,
        initiatedByMe: query.initiatedByMe,
      }).filter(([, value]) => value !== undefined),
    );
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `case.searchedByIdNumber:${randomUUID()}`,
        actor: actorOf(user),
        action: 'case.searchedByIdNumber',
        entityType: 'caseSearch',
        entityId: idNumber,
        caseId: null,
        after: {
          idNumber,
          matched,
          caseIds: items.map((item) => item.id),
          scope: user.jurisdictionPath,
          filters,
          page: query.cursor ? 'next' : 'first',
        },
      }),
    );
  }
}

function caseSearchItem(row: CaseSearchRow) {
  return {
    id: row.id,
    householdHead: row.head_name,
    householdHeadIdNumber: row.head_id_number,
    memberCount: row.member_count,
    villageId: row.village_id,
    villageName: row.village_name,
    townshipId: row.township_id,
    townshipName: row.township_name,
    stage: row.stage,
    stageLabel: STAGE_LABELS[row.stage],
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status] ?? row.status,
    urgent: row.urgent,
    channel: row.channel,
    createdAt: row.created_at.toISOString(),
    enteredBy: { id: row.created_by, name: row.created_by_name },
    openTasks: row.open_tasks.map((task) => ({
      kind: task.kind,
      kindLabel: taskStep(task.kind).label,
      dueAt: new Date(task.dueAt).toISOString(),
    })),
  };
}

/** The position after a case: its creation time and id (a UUID, as the keyset's comparison needs). */
function decodeCaseCursor(cursor: string): { at: string; id: string } {
  const after = decodeTimeCursor(cursor);
  if (!UUID.test(after.id)) throw badCursor();
  return after;
}
