// The 工作台's server state: the tabs' counts, each tab's page of tasks or cases, claiming. Every task query
// is under ['tasks'], so a claim invalidates the lists and the counts together.

import {
  type QueryClient,
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { meQuery } from '../auth/use-me';
import { type InboxView, parseView, savedSearch } from './inbox-view';

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
const countsQuery = queryOptions({
  queryKey: [...TASKS_KEY, 'counts'],
  queryFn: () => unwrap(api.GET('/tasks/counts')),
  refetchInterval: 60_000,
  // Asked for as the app starts (prefetchInbox): the inbox that mounts a moment later takes that answer.
  staleTime: 10_000,
});

export function useInboxCounts() {
  return useQuery(countsQuery);
}

/**
 * One page of a tab: its filters with the page size and cursor, all of them in the key. The page before
 * stays on screen while the next one loads.
 */
function tabPageQuery<Q extends object, P>(
  tab: string,
  filters: Q,
  cursor: string | undefined,
  fetchPage: (query: Q & { limit: number; cursor?: string }) => Promise<P>,
) {
  const query = { ...filters, limit: PAGE_SIZE, cursor };
  return queryOptions({
    queryKey: [...TASKS_KEY, tab, query],
    queryFn: () => fetchPage(query),
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
}

/** The filters every tab offers: the stage, the village and 只看紧急. */
const commonFilters = (view: InboxView) => ({
  stage: view.stage,
  villageId: view.villageId,
  urgent: view.urgent,
});

/** The open tasks of one of the task tabs (mine, unassigned, urgent, overdue, due soon, all). */
function openTasksQuery(view: InboxView, cursor: string | undefined) {
  const filters = {
    ...commonFilters(view),
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
    sort: view.sort,
  };
  return tabPageQuery('open', filters, cursor, (query) => unwrap(api.GET('/tasks', { params: { query } })));
}

/** 已办: the tasks the user decided, newest decision first. */
function doneTasksQuery(view: InboxView, cursor: string | undefined) {
  const filters = { ...commonFilters(view), kind: view.kind };
  return tabPageQuery('done', filters, cursor, (query) =>
    unwrap(api.GET('/tasks/done', { params: { query } })),
  );
}

/** 我发起的: the cases the user entered, newest first (under ['tasks'] too: a decision moves their stage). */
function initiatedCasesQuery(view: InboxView, cursor: string | undefined) {
  const filters = { ...commonFilters(view), initiatedByMe: true };
  return tabPageQuery('initiated', filters, cursor, (query) =>
    unwrap(api.GET('/cases', { params: { query } })),
  );
}

export const useOpenTasks = (view: InboxView, cursor: string | undefined) =>
  useQuery(openTasksQuery(view, cursor));
export const useDoneTasks = (view: InboxView, cursor: string | undefined) =>
  useQuery(doneTasksQuery(view, cursor));
export const useInitiatedCases = (view: InboxView, cursor: string | undefined) =>
  useQuery(initiatedCasesQuery(view, cursor));

/**
 * The 工作台's counts and the first page of its tab, asked for as the app starts, beside the signed-in user:
 * not one after the other once each screen has drawn. A bare address opens the view the user left, which
 * needs to know who they are first.
 */
export async function prefetchInbox(queryClient: QueryClient, search: string): Promise<void> {
  void queryClient.prefetchQuery(countsQuery);
  const userId = search ? undefined : (await queryClient.fetchQuery(meQuery)).userId;
  const view = parseView(new URLSearchParams(userId ? savedSearch(userId) : search));
  if (view.tab === 'done') await queryClient.prefetchQuery(doneTasksQuery(view, undefined));
  else if (view.tab === 'initiated') await queryClient.prefetchQuery(initiatedCasesQuery(view, undefined));
  else await queryClient.prefetchQuery(openTasksQuery(view, undefined));
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
