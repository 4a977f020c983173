import { AuditEventEntity } from './audit-event.entity';
import { CaseEntity } from './case.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { JurisdictionEntity } from './jurisdiction.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export {
  AuditEventEntity,
  CaseEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  JurisdictionEntity,
  TaskEntity,
  UserEntity,
};

export const ENTITIES = [
  AuditEventEntity,
  CaseEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  JurisdictionEntity,
  TaskEntity,
  UserEntity,
];
