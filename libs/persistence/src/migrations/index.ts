import { Foundation1795400000000 } from './1795400000000-foundation';
import { TaskClaims1795410000000 } from './1795410000000-task-claims';
import { HolidayCalendars1795420000000 } from './1795420000000-holiday-calendars';
import { Notifications1795430000000 } from './1795430000000-notifications';
import { SupervisionIndexes1795440000000 } from './1795440000000-supervision-indexes';
import { InboxScopeIndexes1795450000000 } from './1795450000000-inbox-scope-indexes';
import { TaskHouseholdHead1795460000000 } from './1795460000000-task-household-head';
import { Lifecycle1795470000000 } from './1795470000000-lifecycle';
import { Incidents1795480000000 } from './1795480000000-incidents';
import { AuthSessions1795490000000 } from './1795490000000-auth-sessions';
import { ScopeAndRelatives1795500000000 } from './1795500000000-scope-and-relatives';
import { SignInNames1795510000000 } from './1795510000000-sign-in-names';
import { WebListIndexes1795520000000 } from './1795520000000-web-list-indexes';
import { IntakeIdempotency1795530000000 } from './1795530000000-intake-idempotency';
import { LedgerCorrections1795560000000 } from './1795560000000-ledger-corrections';
import { AuditChains1795570000000 } from './1795570000000-audit-chains';
import { LedgerGrants1795580000000 } from './1795580000000-ledger-grants';

/** Every migration, oldest first. Listed here (not globbed) so ts-jest and dist/ load the same set. */
export const MIGRATIONS = [
  Foundation1795400000000,
  TaskClaims1795410000000,
  HolidayCalendars1795420000000,
  Notifications1795430000000,
  SupervisionIndexes1795440000000,
  InboxScopeIndexes1795450000000,
  TaskHouseholdHead1795460000000,
  Lifecycle1795470000000,
  Incidents1795480000000,
  AuthSessions1795490000000,
  ScopeAndRelatives1795500000000,
  SignInNames1795510000000,
  WebListIndexes1795520000000,
  IntakeIdempotency1795530000000,
  LedgerCorrections1795560000000,
  AuditChains1795570000000,
  LedgerGrants1795580000000,
];
