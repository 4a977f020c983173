// 优亲厚友 favouritism declarations: each user names their own relatives, and the inbox keeps them off
// those people's cases (relatives.rule.ts). ID numbers leave this service masked, in answers and in the
// audit log alike. A withdrawn declaration is kept, with when and why: the rule still holds it against the
// cases that were open while it stood.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskIdNumber } from '@libs/domain';
import { appendAuditEvent, type DeclaredRelative, UsersRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { RELATIVE_RELATION_LABELS, type RelativeRelation } from './admin-rules';
import type { DeclareRelativeDto } from './dto/declare-relative.dto';
import type { RelativeWithdrawalDto } from './dto/relative-withdrawal.dto';

function relativeView(row: DeclaredRelative) {
  // The column holds only what DeclareRelativeDto let in.
  const relation = row.relation as RelativeRelation;
  return {
    idNumber: maskIdNumber(row.id_number),
    name: row.name,
    relation,
    relationLabel: RELATIVE_RELATION_LABELS[relation] ?? row.relation,
    declaredAt: row.declared_at,
  };
}

const auditView = (row: Pick<DeclaredRelative, 'id_number' | 'name' | 'relation'>) => ({
  idNumber: maskIdNumber(row.id_number),
  name: row.name,
  relation: row.relation,
});

@Injectable()
export class RelativesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async list(user: AuthUser) {
    const rows = await this.users.findRelatives(this.dataSource, user.userId);
    return rows.map(relativeView);
  }

  /** Declares a relative, or corrects the name or relation of one already declared. */
  async declare(dto: DeclareRelativeDto, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.lockRelative(manager, user.userId, dto.idNumber);
      if (existing && existing.name === dto.name && existing.relation === dto.relation) {
        return relativeView(existing);
      }
      // A correction keeps when the declaration was first made: the relatives rule counts from then.
      const row = await this.users.declareRelative(manager, user.userId, {
        id_number: dto.idNumber,
        name: dto.name,
        relation: dto.relation,
      });
      await appendAuditEvent(manager, {
        eventKey: `relative.declared:${user.userId}:${randomUUID()}`,
        actor: user,
        action: 'relative.declared',
        entityType: 'user',
        entityId: user.userId,
        before: existing ? auditView(existing) : null,
        after: auditView(row),
      });
      return relativeView(row);
    });
  }

  /** Withdraws a standing declaration with its reason; the row stays, marked withdrawn. */
  async withdraw(idNumber: string, dto: RelativeWithdrawalDto, user: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const removed = await this.users.withdrawRelative(
        manager,
        user.userId,
        idNumber.toUpperCase(),
        dto.reason,
      );
      if (!removed) {
        throw new AppException(
          'RELATIVE_NOT_FOUND',
          404,
          `您未申报身份证号为 ${maskIdNumber(idNumber)} 的亲属`,
        );
      }
      await appendAuditEvent(manager, {
        eventKey: `relative.withdrawn:${user.userId}:${randomUUID()}`,
        actor: user,
        action: 'relative.withdrawn',
        entityType: 'user',
        entityId: user.userId,
        before: auditView(removed),
        // The declaration stays, marked withdrawn (the event's time is when).
        after: { ...auditView(removed), withdrawn: true },
        reason: dto.reason,
      });
    });
  }
}
