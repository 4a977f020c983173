import { AuditEventEntity } from './audit-event.entity';
import { CaseEntity } from './case.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { JurisdictionEntity } from './jurisdiction.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export * from './audit-event.entity';
export * from './case.entity';
export * from './household.entity';
export * from './jurisdiction.entity';
export * from './task.entity';
export * from './user.entity';

export const ENTITIES = [
  AuditEventEntity,
  CaseEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  JurisdictionEntity,
  TaskEntity,
  UserEntity,
];
