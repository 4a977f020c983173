// The household's members with their full ID numbers, for the forms that name members by ID number (半年核查's
// incomes, 单人保). The case view masks them; this reveal states why and is audited by the server, so it is
// asked for once per form and kept while the form is open.

import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export interface RevealedMember {
  name: string;
  relation: string;
  idNumber: string;
}

export function useRevealedMembers(caseId: string, reason: string, enabled = true) {
  return useQuery({
    queryKey: ['cases', caseId, 'personal-data', 'idNumber'],
    enabled,
    staleTime: Infinity,
    queryFn: async () => {
      // The answer is GET /cases/{id}/personal-data's PersonalDataDto (only the members asked for here).
      const data = (await unwrap(
        api.GET('/cases/{id}/personal-data', {
          params: { path: { id: caseId }, query: { fields: 'idNumber', reason } },
        }),
      )) as { members: RevealedMember[] };
      return data.members;
    },
  });
}
