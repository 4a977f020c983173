import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas, api, unwrap } from '../api/client';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export type NotificationItem = Schemas['NotificationDto'];

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
    queryFn: () => unwrap(api.GET('/notifications/unread-count')),
    refetchInterval: 60_000,
  });
}

export function useNotifications(unread: boolean, cursor?: string) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', { unread, cursor }],
    queryFn: () => unwrap(api.GET('/notifications', { params: { query: { unread, limit: 20, cursor } } })),
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | 'all'): Promise<void> => {
      if (id === 'all') await unwrap(api.POST('/notifications/read-all'));
      else await unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
