// The ledger screen's server state: one keyset page of a ledger per filter, a correction (更正) that adds a row,
// and the CSV or Excel exports fetched with the session's token, since a plain link would carry none.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';

export type Ledger = paths['/ledgers/{ledger}']['get']['parameters']['path']['ledger'];
export type LedgerQuery = NonNullable<paths['/ledgers/{ledger}']['get']['parameters']['query']>;
export type LedgerEntry = Schemas['LedgerEntryDto'];

export const PAGE_SIZE = 20;

export function useLedger(ledger: Ledger, query: LedgerQuery) {
  return useQuery({
    queryKey: ['ledgers', ledger, query],
    queryFn: () => unwrap(api.GET('/ledgers/{ledger}', { params: { path: { ledger }, query } })),
    // The rows stay while the next page or filter loads, so the table does not flash empty.
    placeholderData: keepPreviousData,
  });
}

/** The server's file name (RFC 5987 filename*, Chinese), or the fallback when a proxy dropped the header. */
function fileNameOf(response: Response | undefined, fallback: string): string {
  const encoded = response?.headers.get('content-disposition')?.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

type BlobAnswer = { data?: unknown; error?: unknown; response: Response };

/** Saves the file a request answers under the server's name; resolves to that name. */
export async function saveDownload(request: Promise<BlobAnswer>, fallback: string): Promise<string> {
  let response: Response | undefined;
  const blob = await unwrap(
    request.then((result) => {
      response = result.response;
      return result;
    }),
  );
  const url = URL.createObjectURL(blob as Blob);
  const link = Object.assign(document.createElement('a'), {
    href: url,
    download: fileNameOf(response, fallback),
  });
  link.click();
  // The click has handed the file to the browser's download by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return link.download;
}

type ExportQuery = Pick<LedgerQuery, 'from' | 'to' | 'jurisdictionId'>;
export type ExportFormat = 'csv' | 'xlsx';

/** 导出 the ledger in the window (and place) as the server's CSV or Excel workbook. */
export function useExportLedger() {
  return useMutation({
    mutationFn: ({ ledger, query, format }: { ledger: Ledger; query: ExportQuery; format: ExportFormat }) =>
      saveDownload(
        api.GET('/ledgers/{ledger}/export', {
          params: { path: { ledger }, query: { ...query, format } },
          parseAs: 'blob',
        }),
        `台账_${query.from ?? ''}_${query.to ?? ''}.${format}`,
      ),
  });
}

export type LedgerCorrection = Schemas['LedgerCorrectionDto'];

/** 更正 an entry: a new row beside it; the ledger's pages show both once it is written. */
export function useCorrectLedgerEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ledger, id, body }: { ledger: Ledger; id: string; body: LedgerCorrection }) =>
      unwrap(
        api.POST('/ledgers/{ledger}/entries/{id}/corrections', { params: { path: { ledger, id } }, body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ledgers'] }),
  });
}
