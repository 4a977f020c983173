// The form of a village meeting's vote, shared by 民主评议 democratic appraisal and 村民代表会 the exit meeting.

import type { Decision, FormProblem } from '../task-kind';

export interface MeetingForm {
  heldOn: string;
  attendees: number;
  votesFor: number;
  votesAgainst: number;
  minutes: string;
}

/**
 * The votes fit the attendance, and approval takes more than half of those present. The web checks the votes
 * as they are typed, before a decision is chosen.
 */
export function meetingProblems(
  form: Pick<MeetingForm, 'attendees' | 'votesFor' | 'votesAgainst'>,
  decision: Decision | undefined,
): FormProblem[] {
  const { attendees, votesFor, votesAgainst } = form;
  if (votesFor + votesAgainst > attendees) {
    return [
      {
        field: 'form.votesFor',
        message: `同意票与反对票合计 ${votesFor + votesAgainst} 票，超过出席人数 ${attendees} 人`,
      },
    ];
  }
  if (decision === 'approve' && votesFor * 2 <= attendees) {
    return [
      {
        field: 'form.votesFor',
        message: `同意票须超过出席人数的一半才能通过：出席 ${attendees} 人，同意 ${votesFor} 票`,
      },
    ];
  }
  return [];
}
