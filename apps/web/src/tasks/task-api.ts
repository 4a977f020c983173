// The task page's server state: the task under ['tasks', id], claim and decision as mutations that refresh the
// inbox's and the case's queries, and the next task of the inbox to open after a decision.

import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Decision } from '@libs/domain';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { caseQuery } from '../cases/case-api';
import { preloadTaskForm } from './forms/registry';

export type Task = Schemas['TaskDto'];

export const taskKey = (id: string) => ['tasks', id] as const;

export function useTask(id: string) {
  return useQuery({
    queryKey: taskKey(id),
    queryFn: () => unwrap(api.GET('/tasks/{id}', { params: { path: { id } } })),
  });
}

/**
 * What a claim or a decision changes: this task (its answer is the new state), the inbox and its counts,
 * and the case. Only marked stale — each refreshes when next shown — so that nothing competes with opening
 * the next task; the audited reveal of ID numbers is never asked again for this.
 */
function useTaskChanged(task: Task) {
  const queryClient = useQueryClient();
  return (changed?: Task) => {
    if (changed) queryClient.setQueryData(taskKey(task.id), changed);
    void queryClient.invalidateQueries({
      predicate: ({ queryKey: [resource, id, part] }) =>
        (resource === 'tasks' && id !== task.id) ||
        (resource === 'cases' && id === task.caseId && part !== 'personal-data'),
      refetchType: 'none',
    });
  };
}

export function useClaim(task: Task) {
  const changed = useTaskChanged(task);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/tasks/{id}/claim', { params: { path: { id: task.id } }, body: { version: task.version } }),
      ),
    onSuccess: changed,
    // Refused (held by someone else, or changed since): show the task as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: taskKey(task.id) }),
  });
}

export interface Completion {
  decision: Decision;
  reason?: string;
  form?: Record<string, unknown>;
  idempotencyKey: string;
}

export function useComplete(task: Task) {
  const changed = useTaskChanged(task);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, form, ...body }: Completion) =>
      unwrap(
        api.POST('/tasks/{id}/complete', {
          params: { path: { id: task.id }, header: { 'idempotency-key': idempotencyKey } },
          body: { ...body, form: form as Schemas['CompleteTaskDto']['form'] },
        }),
      ),
    onSuccess: (answer) => changed(answer.task),
    // 409: decided by someone else or changed since it opened — show it as it is now.
    onError: (error) =>
      error instanceof ApiError &&
      error.status === 409 &&
      queryClient.invalidateQueries({ queryKey: taskKey(task.id) }),
  });
}

/** The inbox's next open task: the user's own first, then one nobody has claimed; undefined when none. */
export async function nextTask(): Promise<Task | undefined> {
  const [mine, unassigned] = await Promise.all(
    (['mine', 'unassigned'] as const).map((assignment) =>
      unwrap(api.GET('/tasks', { params: { query: { limit: 1, assignment } } })),
    ),
  );
  return mine.items[0] ?? unassigned.items[0];
}

/**
 * The next task's page draws at once from what the inbox said of the task (the same answer as its own
 * route, refreshed behind it), with its case and its form asked for together rather than one by one.
 */
export function prepareTaskPage(queryClient: QueryClient, task: Task): void {
  queryClient.setQueryData(taskKey(task.id), task);
  void queryClient.prefetchQuery(caseQuery(task.caseId));
  preloadTaskForm(task.kind);
}
