// 监督检查 server state: the override report, the audit search and the chain check, keyed by their filters.
// All read-only: the only "action" is the verification, which changes nothing on the server.

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { saveDownload } from '../ledgers/ledger-api';

export type OverrideRecord = Schemas['OverrideRecordDto'];
export type OverrideQuery = NonNullable<paths['/inspection/overrides']['get']['parameters']['query']>;
export type AuditEventsQuery = NonNullable<paths['/audit/events']['get']['parameters']['query']>;
export type AuditChainReport = Schemas['AuditChainReportDto'];

export const PAGE_SIZE = 20;

export function useOverrides(query: OverrideQuery) {
  return useQuery({
    queryKey: ['inspection', 'overrides', query],
    queryFn: () => unwrap(api.GET('/inspection/overrides', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useExportOverrides() {
  return useMutation({
    mutationFn: (query: Pick<OverrideQuery, 'from' | 'to' | 'jurisdictionId'>) =>
      saveDownload(
        api.GET('/inspection/overrides/export', { params: { query }, parseAs: 'blob' }),
        '比对命中排除记录.csv',
      ),
  });
}

export function useAuditEvents(query: AuditEventsQuery) {
  return useQuery({
    queryKey: ['audit', 'events', query],
    queryFn: () => unwrap(api.GET('/audit/events', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export type AuditExportQuery = NonNullable<paths['/audit/events/export']['get']['parameters']['query']>;

/** 导出 the search's events as the server's CSV or xlsx; the server records the export. */
export function useExportAuditEvents() {
  return useMutation({
    mutationFn: (query: AuditExportQuery) =>
      saveDownload(
        api.GET('/audit/events/export', { params: { query }, parseAs: 'blob' }),
        `留痕记录.${query.format ?? 'csv'}`,
      ),
  });
}

/** 校验 recomputes every hash of the chain on the server; each press is a fresh check. */
/** 校验: incremental from the last good verification; `full` walks every row again. */
export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: (full: boolean) =>
      unwrap(api.GET('/audit/verify', { params: { query: full ? { full: 'true' } : {} } })),
  });
}
