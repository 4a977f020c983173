// 优亲厚友 favouritism declarations: each user names their own relatives, and the inbox keeps them off
// those people's cases (relatives.rule.ts). ID numbers leave this service masked, in answers and in the
// audit log alike. A withdrawn declaration is kept, with when and why: the rule still holds it against the
// cases that were open while it stood.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskIdNumber } from '@libs/domain';
import { appendAuditEvent, returningRows } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { RELATIVE_RELATION_LABELS, type RelativeRelation } from './admin-rules';
import type { DeclareRelativeDto } from './dto/declare-relative.dto';
import type { RelativeWithdrawalDto } from './dto/relative-withdrawal.dto';

interface RelativeRow {
  id_number: string;
  name: string;
  relation: RelativeRelation;
  declared_at: Date;
}

function relativeView(row: RelativeRow) {
  return {
    idNumber: maskIdNumber(row.id_number),
    name: row.name,
    relation: row.relation,
    relationLabel: RELATIVE_RELATION_LABELS[row.relation] ?? row.relation,
    declaredAt: row.declared_at,
  };
}

const auditView = (row: Pick<RelativeRow, 'id_number' | 'name' | 'relation'>) => ({
  idNumber: maskIdNumber(row.id_number),
  name: row.name,
  relation: row.relation,
});

@Injectable()
export class RelativesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: AuthUser) {
    const rows: RelativeRow[] = await this.dataSource.query(
      `SELECT id_number, name, relation, declared_at FROM user_relatives WHERE user_id = $1 AND withdrawn_at IS NULL
       ORDER BY declared_at, id_number`,
      [user.userId],
    );
    return rows.map(relativeView);
  }

  /** Declares a relative, or corrects the name or relation of one already declared. */
  async declare(dto: DeclareRelativeDto, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const [existing]: RelativeRow[] = await manager.query(
        `SELECT id_number, name, relation, declared_at FROM user_relatives
         WHERE user_id = $1 AND id_number = $2 AND withdrawn_at IS NULL FOR UPDATE`,
        [user.userId, dto.idNumber],
      );
      if (existing && existing.name === dto.name && existing.relation === dto.relation) {
        return relativeView(existing);
      }
      // A correction keeps when the declaration was first made: the relatives rule counts from then.
      const [row]: RelativeRow[] = await manager.query(
        `INSERT INTO user_relatives (user_id, id_number, name, relation) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, id_number) WHERE withdrawn_at IS NULL
         DO UPDATE SET name = EXCLUDED.name, relation = EXCLUDED.relation
         RETURNING id_number, name, relation, declared_at`,
        [user.userId, dto.idNumber, dto.name, dto.relation],
      );
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
      const [removed] = await returningRows<RelativeRow>(
        manager,
        `UPDATE user_relatives SET withdrawn_at = now(), withdrawn_reason = $3
         WHERE user_id = $1 AND id_number = $2 AND withdrawn_at IS NULL
         RETURNING id_number, name, relation, declared_at`,
        [user.userId, idNumber.toUpperCase(), dto.reason],
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
        after: null,
        reason: dto.reason,
      });
    });
  }
}
