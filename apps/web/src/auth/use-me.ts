import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { readToken } from './session';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user as the server has them now (role and jurisdiction are never taken from the token). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => unwrap(api.GET('/auth/me')),
    enabled: readToken() !== null,
    staleTime: 60_000,
  });
}
