// A department officer's open tasks of one kind (the server keeps to the officer's own department), in
// keyset pages; and the 比对请求表 workbook: its download (audited by the server) and the upload's report.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskKind } from '@libs/domain';
import { api, unwrap, type Schemas } from '../api/client';

export type DepartmentTask = Schemas['TaskDto'];
export type WorkbookReport = Schemas['WorkbookImportResultDto'];

export const PAGE_SIZE = 20;

export function useDepartmentTasks(kind: TaskKind, cursor: string | undefined) {
  return useQuery({
    queryKey: ['tasks', 'department', kind, cursor],
    queryFn: () =>
      unwrap(api.GET('/tasks', { params: { query: { kind, sort: 'due', limit: PAGE_SIZE, cursor } } })),
    placeholderData: keepPreviousData,
  });
}

/** The server's file name (RFC 5987 filename*, Chinese), or one of ours when a proxy dropped the header. */
function fileNameOf(response: Response | undefined): string {
  const encoded = response?.headers.get('content-disposition')?.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  return encoded ? decodeURIComponent(encoded) : `比对请求_${new Date().toISOString().slice(0, 10)}.xlsx`;
}

/** Fetches the workbook with the session's token (a plain link would carry none) and saves it. */
export function useDownloadWorkbook() {
  return useMutation({
    mutationFn: async () => {
      let response: Response | undefined;
      const blob = await unwrap(
        api.GET('/data-checks/workbook', { parseAs: 'blob' }).then((result) => {
          response = result.response;
          return result;
        }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response);
      link.click();
      // The click has handed the file to the browser's download by the next task.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      return link.download;
    },
  });
}

/** Uploads the filled-in workbook; the answered requests leave the lists, so every task query refreshes. */
export function useUploadWorkbook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file }: { file: File; households: Map<string, string> }): Promise<WorkbookReport> => {
      const body = new FormData();
      body.append('file', file);
      return unwrap(
        api.POST('/data-checks/workbook', {
          // multipart as the browser builds it (with its boundary), not JSON
          body: body as never,
          bodySerializer: (data) => data as unknown as FormData,
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
