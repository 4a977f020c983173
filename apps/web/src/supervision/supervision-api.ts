// 督办 server state: the summary, breach list and trend of a jurisdiction (the user's own or one drilled
// into), the incidents, who may take a task over; and the supervisor's actions, each refreshing what it changes.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type Summary = Schemas['SupervisionSummaryDto'];
export type Breach = Schemas['BreachDto'];
export type Incident = Schemas['IncidentDto'];
export type AssigneeCandidate = Schemas['AssigneeCandidateDto'];
export type TaskKind = Breach['kind'];

export const BREACH_PAGE_SIZE = 20;
export const TREND_DAYS = 30;

export interface BreachFilter {
  kind?: TaskKind;
  level?: number;
}

export function useSummary(jurisdictionId: string | undefined) {
  return useQuery({
    queryKey: ['supervision', 'summary', jurisdictionId ?? null],
    queryFn: () => unwrap(api.GET('/supervision/summary', { params: { query: { jurisdictionId } } })),
    placeholderData: keepPreviousData,
  });
}

export function useTrend(jurisdictionId: string | undefined) {
  return useQuery({
    queryKey: ['supervision', 'trend', jurisdictionId ?? null, TREND_DAYS],
    queryFn: () =>
      unwrap(api.GET('/supervision/trend', { params: { query: { jurisdictionId, days: TREND_DAYS } } })),
    placeholderData: keepPreviousData,
  });
}

export function useBreaches(jurisdictionId: string | undefined, filter: BreachFilter, cursor?: string) {
  return useQuery({
    queryKey: [
      'supervision',
      'breaches',
      jurisdictionId ?? null,
      filter.kind ?? null,
      filter.level ?? null,
      cursor,
    ],
    queryFn: () =>
      unwrap(
        api.GET('/supervision/breaches', {
          params: {
            query: {
              jurisdictionId,
              kind: filter.kind,
              level: filter.level,
              limit: BREACH_PAGE_SIZE,
              cursor,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAssigneeCandidates(taskId: string | undefined) {
  return useQuery({
    queryKey: ['supervision', 'assignees', taskId],
    queryFn: () =>
      unwrap(api.GET('/supervision/tasks/{taskId}/assignees', { params: { path: { taskId: taskId! } } })),
    enabled: taskId !== undefined,
    // Workloads change as people claim tasks: asked afresh each time the dialog opens.
    staleTime: 0,
  });
}

export function useIncidents(enabled: boolean, cursor?: string) {
  return useQuery({
    queryKey: ['incidents', 'unresolved', cursor],
    queryFn: () => unwrap(api.GET('/incidents', { params: { query: { status: 'unresolved', cursor } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** After an action the dashboard's numbers and lists, and the inboxes, are refreshed. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['supervision'] }),
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
    ]);
}

export function useReassign() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ taskId, userId, version }: { taskId: string; userId: string; version: number }) =>
      unwrap(api.POST('/tasks/{id}/assign', { params: { path: { id: taskId } }, body: { userId, version } })),
    onSuccess: refresh,
  });
}

export function useMarkUrgent() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ caseId, reason }: { caseId: string; reason: string }) =>
      unwrap(
        api.POST('/supervision/cases/{caseId}/mark-urgent', {
          params: { path: { caseId } },
          body: { reason },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useEscalateNow() {
  const refresh = useRefresh();
  return useMutation({
    // The workflow raises the level once it has the signal: asked again a moment later as well.
    onSettled: () => setTimeout(() => void refresh(), 1_500),
    mutationFn: ({ taskId, reason }: { taskId: string; reason: string }) =>
      unwrap(
        api.POST('/supervision/tasks/{taskId}/escalate-now', {
          params: { path: { taskId } },
          body: { reason },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRetryIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ incidentId, reason }: { incidentId: string; reason: string }) =>
      unwrap(
        api.POST('/incidents/{incidentId}/retry', { params: { path: { incidentId } }, body: { reason } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['incidents'] }),
  });
}
