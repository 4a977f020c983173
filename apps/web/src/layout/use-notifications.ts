import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Where a notification leads: its task's form, else its case. */
export function notificationLink(n: NotificationItem): string | undefined {
  if (n.taskId) return `/tasks/${n.taskId}`;
  if (n.caseId) return `/cases/${n.caseId}`;
  return undefined;
}

/** The unread count, polled each minute so a new task shows up without a reload. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => unwrap(api.GET('/notifications/unread-count')) as unknown as Promise<{ unread: number }>,
    refetchInterval: 60_000,
  });
}

export function useNotifications(unread: boolean, cursor?: string) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', { unread, cursor }],
    queryFn: () =>
      unwrap(
        api.GET('/notifications', { params: { query: { unread, limit: 20, cursor } } }),
      ) as unknown as Promise<{
        items: NotificationItem[];
        nextCursor: string | null;
      }>,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      id === 'all'
        ? unwrap(api.POST('/notifications/read-all'))
        : unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
