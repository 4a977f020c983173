// 异常报表 server state: a report's page and the inaction summary, keyed by their filters; the CSV export.
// All read-only (each run is audited on the server).

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { saveDownload } from '../ledgers/ledger-api';

export type AnomalyRecord = Schemas['AnomalyDto'];
export type AnomalyReportName = Schemas['AnomalyReport'];
export type AnomalyQuery = NonNullable<paths['/inspection/anomalies/{report}']['get']['parameters']['query']>;
export type AnomalyExportQuery = NonNullable<
  paths['/inspection/anomalies/{report}/export']['get']['parameters']['query']
>;

export function useAnomalies(report: AnomalyReportName, query: AnomalyQuery) {
  return useQuery({
    queryKey: ['inspection', 'anomalies', report, query],
    queryFn: () => unwrap(api.GET('/inspection/anomalies/{report}', { params: { path: { report }, query } })),
    placeholderData: keepPreviousData,
  });
}

export function useExportAnomalies(report: AnomalyReportName, fallbackName: string) {
  return useMutation({
    mutationFn: (query: AnomalyExportQuery) =>
      saveDownload(
        api.GET('/inspection/anomalies/{report}/export', {
          params: { path: { report }, query },
          parseAs: 'blob',
        }),
        `${fallbackName}.csv`,
      ),
  });
}

export function useInactionSummary(overdueWorkingDays: number | undefined) {
  const query = overdueWorkingDays ? { overdueWorkingDays } : {};
  return useQuery({
    queryKey: ['inspection', 'inaction-summary', query],
    queryFn: () => unwrap(api.GET('/inspection/anomalies/inaction/summary', { params: { query } })),
  });
}
