// 系统管理 the admin's queries and changes: users, jurisdictions, the county's lifecycle policy, poverty lines
// and the holiday calendar. Each change refreshes what it touched.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@libs/domain';
import { api, unwrap, type Schemas } from '../api/client';

export type User = Schemas['UserResponseDto'];
export type CreateUser = Schemas['CreateUserDto'];
export type UpdateUser = Schemas['UpdateUserDto'];
export type CountyPolicy = Schemas['CountyPolicyResponseDto'];
export type LifecyclePolicy = Schemas['LifecyclePolicyDto'];
export type PutLifecyclePolicy = Schemas['PutLifecyclePolicyDto'];
export type PovertyLine = Schemas['PovertyLineResponseDto'];
export type PutPovertyLine = Schemas['PutPovertyLineDto'];
export type HolidayCalendar = Schemas['HolidayCalendarResponseDto'];

export const USER_PAGE_SIZE = 20;

export interface UserFilter {
  role?: Role;
  jurisdictionId?: string;
  q?: string;
}

export function useUsers(filter: UserFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'users', filter, cursor],
    queryFn: () =>
      unwrap(api.GET('/admin/users', { params: { query: { ...filter, limit: USER_PAGE_SIZE, cursor } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => unwrap(api.POST('/admin/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) =>
      unwrap(api.PATCH('/admin/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['ResetPasswordDto'] }) =>
      unwrap(api.POST('/admin/users/{id}/password', { params: { path: { id } }, body })),
  });
}

export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      unwrap(api.POST('/admin/users/{id}/unlock', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

// A change refreshes the list every place picker reads (useJurisdictions), so a new village shows there too.
export function useCreateJurisdiction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateJurisdictionDto']) =>
      unwrap(api.POST('/admin/jurisdictions', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jurisdictions'] }),
  });
}

export function useRenameJurisdiction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateJurisdictionDto'] }) =>
      unwrap(api.PATCH('/admin/jurisdictions/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jurisdictions'] }),
  });
}

export function useCountyPolicy(countyId: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'policy', countyId],
    queryFn: () =>
      unwrap(api.GET('/admin/policies/{countyId}', { params: { path: { countyId: countyId! } } })),
    enabled: countyId !== undefined,
  });
}

export function usePutCountyPolicy(countyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutLifecyclePolicy) =>
      unwrap(api.PUT('/admin/policies/{countyId}', { params: { path: { countyId } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(['admin', 'policy', countyId], saved),
  });
}

export function usePovertyLines(filter: { jurisdictionId?: string; year?: number }) {
  return useQuery({
    queryKey: ['admin', 'povertyLines', filter],
    queryFn: () => unwrap(api.GET('/admin/poverty-lines', { params: { query: { ...filter, limit: 100 } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePutPovertyLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutPovertyLine) => unwrap(api.PUT('/admin/poverty-lines', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'povertyLines'] }),
  });
}

export function useReevaluate() {
  return useMutation({
    mutationFn: (body: Schemas['ReevaluateCasesDto']) =>
      unwrap(api.POST('/admin/poverty-lines/reevaluate', { body })),
  });
}

export function useHolidayCalendars() {
  return useQuery({
    queryKey: ['admin', 'calendars'],
    queryFn: () => unwrap(api.GET('/admin/holiday-calendars')),
  });
}

export function usePutHolidayCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: Schemas['PutHolidayCalendarDto'] }) =>
      unwrap(api.PUT('/admin/holiday-calendars/{year}', { params: { path: { year } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'calendars'] }),
  });
}
