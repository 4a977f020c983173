// 统计 server state: one period's figures for one jurisdiction, and its Excel report.

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { saveDownload } from '../ledgers/ledger-api';

export type Statistics = Schemas['StatisticsDto'];
export type PlaceFigures = Schemas['PlaceFiguresDto'];

interface StatisticsQuery {
  period: string;
  jurisdictionId?: string;
}

export function useStatistics(query: StatisticsQuery) {
  return useQuery({
    queryKey: ['statistics', query.period, query.jurisdictionId ?? null],
    queryFn: () => unwrap(api.GET('/statistics', { params: { query } })),
    // The charts stay while another period or place loads.
    placeholderData: keepPreviousData,
  });
}

/** 导出 the same figures as the server's xlsx report. */
export function useExportStatistics() {
  return useMutation({
    mutationFn: (query: StatisticsQuery) =>
      saveDownload(
        api.GET('/statistics/export', { params: { query }, parseAs: 'blob' }),
        `统计报表_${query.period}.xlsx`,
      ),
  });
}
