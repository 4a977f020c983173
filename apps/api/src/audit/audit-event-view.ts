// How an audit event reads in a case's history and in the audit search. Its personal data (forms' incomes,
// ID numbers, reasons quoting them) is masked by the PersonalDataInterceptor like every response.

import type { AuditEventEntry } from '@libs/persistence';

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
