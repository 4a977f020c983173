// The 工作台's server state: the tabs' counts, each tab's page of tasks or cases, claiming. Every task query
// is under ['tasks'], so a claim invalidates the lists and the counts together.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import type { InboxView } from './inbox-view';

export const TASKS_KEY = ['tasks'] as const;
export const PAGE_SIZE = 20;

/** An open task as the inbox lists it; `workingDaysLeft` is the working days to its deadline (<0 overdue). */
export type InboxTask = Schemas['TaskDto'];
export type DoneTask = Schemas['DoneTaskDto'];
export type InitiatedCase = Schemas['CaseSearchItemDto'];
export type BulkResult = Schemas['BulkResultDto'];

/** The tabs' counts, 即将到期, 已办 and 我发起的 included. */
export type InboxCounts = Schemas['TaskCountsDto'];

/** Counts refresh each minute and when the window regains focus (the client's default), so new work shows. */
export function useInboxCounts() {
  return useQuery({
    queryKey: [...TASKS_KEY, 'counts'],
    queryFn: () => unwrap(api.GET('/tasks/counts')),
    refetchInterval: 60_000,
  });
}

/** The open tasks of one of the task tabs (mine, unassigned, urgent, overdue, due soon, all). */
export function useOpenTasks(view: InboxView, cursor: string | undefined) {
  const query = {
    assignment:
      view.tab === 'mine'
        ? ('mine' as const)
        : view.tab === 'unassigned'
          ? ('unassigned' as const)
          : undefined,
    urgent: view.tab === 'urgent' || view.urgent || undefined,
    overdue: view.tab === 'overdue' || undefined,
    dueSoon: view.tab === 'dueSoon' || undefined,
    kind: view.kind,
    stage: view.stage,
    villageId: view.villageId,
    sort: view.sort,
    limit: PAGE_SIZE,
    cursor,
  };
  return useQuery({
    queryKey: [...TASKS_KEY, 'open', query],
    queryFn: () => unwrap(api.GET('/tasks', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** 已办: the tasks the user decided, newest decision first. */
export function useDoneTasks(view: InboxView, cursor: string | undefined) {
  const query = {
    kind: view.kind,
    stage: view.stage,
    villageId: view.villageId,
    urgent: view.urgent,
    limit: PAGE_SIZE,
    cursor,
  };
  return useQuery({
    queryKey: [...TASKS_KEY, 'done', query],
    queryFn: () => unwrap(api.GET('/tasks/done', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** 我发起的: the cases the user entered, newest first (under ['tasks'] too: a decision moves their stage). */
export function useInitiatedCases(view: InboxView, cursor: string | undefined) {
  const query = {
    initiatedByMe: true,
    stage: view.stage,
    villageId: view.villageId,
    urgent: view.urgent,
    limit: PAGE_SIZE,
    cursor,
  };
  return useQuery({
    queryKey: [...TASKS_KEY, 'initiated', query],
    queryFn: () => unwrap(api.GET('/cases', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The villages in the user's scope, for the village filter. */
export function useVillages() {
  return useQuery({
    queryKey: ['jurisdictions'],
    queryFn: () => unwrap(api.GET('/admin/jurisdictions')),
    staleTime: 3_600_000,
    select: (places) => {
      const names = new Map(places.map((p) => [p.id, p.name]));
      return places
        .filter((p) => p.level === 'village')
        .map((p) => ({ value: p.id, label: `${names.get(p.parentId ?? '') ?? ''} ${p.name}`.trim() }));
    },
  });
}

/** 认领 one task; a 409 answers who holds it now. */
export function useClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: InboxTask) =>
      unwrap(
        api.POST('/tasks/{id}/claim', {
          params: { path: { id: task.id } },
          body: { version: task.version },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}

/** 批量认领: one result per task, in order; a refusal of one does not stop the others. */
export function useBulkClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskIds: string[]) => unwrap(api.POST('/tasks/bulk-claim', { body: { taskIds } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}
