// The case screens' server state: one query per resource, keyed under ['cases', id, …] so that an action on
// a case invalidates everything shown of it.

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { caseAttachmentsKey } from '../shared/attachments-upload';

export type CaseDetail = Schemas['CaseDetailDto'];
export type CaseMember = Schemas['CaseMemberDto'];
export type CaseTask = Schemas['TaskDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type Attachment = Schemas['AttachmentDto'];
export type PersonalData = Schemas['PersonalDataDto'];
export type Jurisdiction = Schemas['JurisdictionResponseDto'];
export type CaseSearchItem = Schemas['CaseSearchItemDto'];
export type CaseSearchQuery = NonNullable<paths['/cases']['get']['parameters']['query']>;
export type CaseProgress = Schemas['CaseProgressDto'];
export type ProgressStepStatus = Schemas['ProgressStepStatus'];

export const caseKey = (id: string) => ['cases', id] as const;

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKey(id),
    queryFn: () => unwrap(api.GET('/cases/{id}', { params: { path: { id } } })),
  });

export function useCase(id: string) {
  return useQuery(caseQuery(id));
}

export function useCaseProgress(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'progress'],
    queryFn: () => unwrap(api.GET('/cases/{id}/progress', { params: { path: { id } } })),
  });
}

export function useCaseHistory(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'history'],
    queryFn: () => unwrap(api.GET('/cases/{id}/history', { params: { path: { id } } })),
  });
}

export function useAttachments(id: string) {
  return useQuery({
    queryKey: caseAttachmentsKey(id),
    queryFn: () => unwrap(api.GET('/cases/{caseId}/attachments', { params: { path: { caseId: id } } })),
  });
}

/** The places in the user's scope (their own and those below), in path order. */
export function useJurisdictions() {
  return useQuery({
    queryKey: ['jurisdictions'],
    queryFn: () => unwrap(api.GET('/admin/jurisdictions')),
    staleTime: 10 * 60_000,
  });
}

/** 案件查询: one keyset page of the cases in scope that match. */
export function useCaseSearch(query: CaseSearchQuery) {
  return useQuery({
    queryKey: ['cases', 'search', query],
    queryFn: () => unwrap(api.GET('/cases', { params: { query } })),
    // The rows stay while the next page or search loads, so the table does not flash empty.
    placeholderData: keepPreviousData,
  });
}
