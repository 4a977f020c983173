// The case screens' server state: one query per resource, keyed under ['cases', id, …] so that an action on
// a case invalidates everything shown of it.

import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { caseAttachmentsKey } from '../shared/attachments-upload';

export type CaseDetail = Schemas['CaseDetailDto'];
export type CaseMember = Schemas['CaseMemberDto'];
export type CaseTask = Schemas['TaskDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type Attachment = Schemas['AttachmentDto'];
export type PersonalData = Schemas['PersonalDataDto'];
export type Jurisdiction = Schemas['JurisdictionResponseDto'];

export const caseKey = (id: string) => ['cases', id] as const;

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: () => unwrap(api.GET('/cases/{id}', { params: { path: { id } } })),
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
