// GET /cases (案件查询) and GET /cases/{id}/progress (流程进度): their answers as
// apps/api/src/cases/dto/case-search.dto.ts and case-progress.dto.ts declare them. The committed OpenAPI
// document does not list these two routes yet, so the client is called through an untyped view of it and
// the answer is typed here from the DTOs.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CaseStage } from '@domain';
import { api, unwrap } from '../api/client';
import { caseKey } from './case-api';

export interface CaseSearchItem {
  id: string;
  householdHead: string | null;
  householdHeadIdNumber: string | null;
  memberCount: number;
  villageId: string;
  villageName: string;
  townshipName: string;
  stage: CaseStage;
  stageLabel: string;
  status: string;
  statusLabel: string;
  urgent: boolean;
  channel: string;
  createdAt: string;
  enteredBy: { id: string; name: string | null };
  openTasks: { kind: string; kindLabel: string; dueAt: string }[];
}

export interface CaseSearchPage {
  items: CaseSearchItem[];
  nextCursor: string | null;
}

/** CaseSearchQueryDto's filters, as the URL carries them (strings; booleans as 'true'). */
export interface CaseSearchQuery {
  headName?: string;
  idNumber?: string;
  jurisdictionId?: string;
  stage?: string;
  status?: string;
  urgent?: string;
  createdFrom?: string;
  createdTo?: string;
  enteredByMe?: string;
  cursor?: string;
}

export type ProgressStepStatus = 'passed' | 'current' | 'pending' | 'skipped' | 'rejected';

export interface ProgressTask {
  id: string;
  kindLabel: string;
  candidateRoleLabel: string;
  departmentLabel: string | null;
  assigneeName: string | null;
  dueAt: string;
  overdue: boolean;
  workingDaysLeft: number | null;
}

export interface CaseProgress {
  stage: CaseStage;
  stageLabel: string;
  status: string;
  steps: {
    stage: CaseStage;
    label: string;
    status: ProgressStepStatus;
    statusLabel: string;
    enteredAt: string | null;
    leftAt: string | null;
    visits: number;
    openTasks: ProgressTask[];
  }[];
  outcome: { stage: CaseStage; label: string; at: string | null; reason: string | null } | null;
}

type Answer = Promise<{ data?: unknown; error?: unknown; response: Response }>;
const untyped = api as unknown as {
  GET(path: string, init: { params: { path?: Record<string, string>; query?: object } }): Answer;
};

export function useCaseSearch(query: CaseSearchQuery) {
  return useQuery({
    queryKey: ['cases', 'search', query],
    queryFn: () => unwrap(untyped.GET('/cases', { params: { query } })) as Promise<CaseSearchPage>,
    // The rows stay while the next page or search loads, so the table does not flash empty.
    placeholderData: keepPreviousData,
  });
}

export function useCaseProgress(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'progress'],
    queryFn: () =>
      unwrap(untyped.GET('/cases/{id}/progress', { params: { path: { id } } })) as Promise<CaseProgress>,
  });
}
