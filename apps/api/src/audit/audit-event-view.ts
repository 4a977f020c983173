// How an audit event reads in a case's history and in the audit search. Its personal data (forms' incomes,
// ID numbers, reasons quoting them) is masked by the PersonalDataInterceptor like every response.

import type { AttachmentMetadata, AuditEventEntry } from '@libs/persistence';

export function auditEventView(e: AuditEventEntry) {
  return {
    id: Number(e.id),
    occurredAt: e.occurred_at.toISOString(),
    actor: { username: e.actor_username, role: e.actor_role, jurisdictionId: e.actor_jurisdiction_id },
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    caseId: e.case_id,
    before: e.before,
    after: e.after,
    reason: e.reason,
  };
}

/** What an event of a case's history is to an inspector asking who decided, on what, and what stands out. */
export const HISTORY_KINDS = [
  'decision',
  'override',
  'refusal',
  'personalData',
  'reassignment',
  'urgency',
  'record',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

const HISTORY_KIND_OF: Record<string, HistoryKind> = {
  'case.created': 'decision',
  'case.evaluated': 'decision',
  'case.closed': 'decision',
  'task.completed': 'decision',
  'dataCheck.overridden': 'override',
  'task.relativeRefused': 'refusal',
  'case.duplicateRefused': 'refusal',
  'personalData.revealed': 'personalData',
  'personalData.revealRefused': 'personalData',
  'task.claimed': 'reassignment',
  'task.unclaimed': 'reassignment',
  'task.assigned': 'reassignment',
  'task.delegated': 'reassignment',
  'case.markedUrgent': 'urgency',
  'task.rescheduled': 'urgency',
  'task.escalationRequested': 'urgency',
  'task.escalated': 'urgency',
};

// Set aside hits, refused favouritism or duplicates, refused looks at personal data, objections during the
// public notice: what inspectors look for.
const FLAGGED = new Set([
  'case.objectionFiled',
  'dataCheck.overridden',
  'task.relativeRefused',
  'case.duplicateRefused',
  'personalData.revealRefused',
]);

/** The files an event cites: an override's evidence, a decision form's attachments. */
function citedAttachmentIds(after: Record<string, unknown> | null): string[] {
  const form = after?.form as Record<string, unknown> | null | undefined;
  const ids = [after?.attachmentIds, form?.attachmentIds].flatMap((list) =>
    Array.isArray(list) ? list : [],
  );
  return [...new Set(ids.map(String))];
}

/**
 * An event of a case's history with what it means and rests on: its kind, whether it stands out, and the
 * attachments it cites, named and linked (an id the case no longer has stays, without a name).
 */
export function caseHistoryEntry(e: AuditEventEntry, attachments: Map<string, AttachmentMetadata>) {
  return {
    ...auditEventView(e),
    kind: HISTORY_KIND_OF[e.action] ?? 'record',
    flagged: FLAGGED.has(e.action),
    attachments: citedAttachmentIds(e.after).map((id) => {
      const found = attachments.get(id);
      return {
        id,
        fileName: found?.file_name ?? null,
        contentType: found?.content_type ?? null,
        href: found ? `/cases/${found.case_id}/attachments/${id}` : null,
      };
    }),
  };
}
