import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { readToken } from './session';

export const ME_KEY = ['auth', 'me'] as const;

export const meQuery = queryOptions({
  queryKey: ME_KEY,
  queryFn: () => unwrap(api.GET('/auth/me')),
  staleTime: 60_000,
});

/** The signed-in user as the server has them now (role and jurisdiction are never taken from the token). */
export function useMe() {
  return useQuery({ ...meQuery, enabled: readToken() !== null });
}
