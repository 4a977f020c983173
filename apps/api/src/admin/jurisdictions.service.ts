// 行政区划 jurisdictions: county → township → village. Each has the dot-separated path of its ancestors'
// ids and its own, so a subtree is a prefix match and an admin's scope is their jurisdiction's path.

import { CHILD_LEVEL, JURISDICTION_LEVEL_LABELS } from '@libs/domain';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAuditEvent, type JurisdictionRow, JurisdictionsRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import type { CreateJurisdictionDto, UpdateJurisdictionDto } from './dto/jurisdiction.dto';

export function jurisdictionView(row: JurisdictionRow) {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    levelLabel: JURISDICTION_LEVEL_LABELS[row.level],
    parentId: row.parent_id,
    path: row.path,
  };
}

/** How to look a jurisdiction up: the request field that named it, the transaction, a row lock. */
export interface ScopedLookup {
  field?: string;
  manager?: EntityManager;
  lock?: boolean;
}

const auditView = (row: JurisdictionRow) => ({
  name: row.name,
  level: row.level,
  parentId: row.parent_id,
  path: row.path,
});

@Injectable()
export class JurisdictionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsRepository,
  ) {}

  /** My subtree as a flat list in path order: each jurisdiction comes right after its parent. */
  async list(user: AuthUser) {
    return (await this.jurisdictions.findSubtree(this.dataSource, user.jurisdictionPath)).map(
      jurisdictionView,
    );
  }

  async findOne(id: string, user: AuthUser) {
    return jurisdictionView(await this.findInScope(id, user));
  }

  /** The jurisdiction, if it lies in the user's subtree; otherwise 404, as if it did not exist. */
  async findInScope(
    id: string,
    user: AuthUser,
    { field, manager = this.dataSource.manager, lock = false }: ScopedLookup = {},
  ): Promise<JurisdictionRow> {
    const row = await this.jurisdictions.findWithParent(manager, id, lock);
    if (!row || !inScope(user.jurisdictionPath, row.path)) {
      throw new AppException(
        'JURISDICTION_NOT_FOUND',
        404,
        `辖区 ${id} 不存在或不在您的管辖范围内`,
        field ? { errors: [{ field, message: '不存在或不在管辖范围内' }] } : undefined,
      );
    }
    return row;
  }

  async create(dto: CreateJurisdictionDto, user: AuthUser) {
    const parent = await this.findInScope(dto.parentId, user, { field: 'parentId' });
    const childLevel = CHILD_LEVEL[parent.level];
    if (childLevel !== dto.level) {
      const expected = childLevel
        ? `其下级应为${JURISDICTION_LEVEL_LABELS[childLevel]}（${childLevel}）`
        : '其下不能再设下级';
      throw new AppException(
        'JURISDICTION_LEVEL_MISMATCH',
        400,
        `上级「${parent.name}」是${JURISDICTION_LEVEL_LABELS[parent.level]}，${expected}`,
        { errors: [{ field: 'level', message: expected }] },
      );
    }
    const path = `${parent.path}.${dto.id}`;
    return this.dataSource.transaction(async (manager) => {
      const row = await this.jurisdictions.insert(manager, {
        id: dto.id,
        name: dto.name,
        level: dto.level,
        parent_id: parent.id,
        path,
      });
      if (!row) {
        throw new AppException('JURISDICTION_EXISTS', 409, `区划代码 ${dto.id} 已存在`, {
          errors: [{ field: 'id', message: '已存在' }],
        });
      }
      await appendAuditEvent(manager, {
        eventKey: `jurisdiction.created:${row.id}`,
        actor: user,
        action: 'jurisdiction.created',
        entityType: 'jurisdiction',
        entityId: row.id,
        after: auditView(row),
        reason: dto.reason,
      });
      return jurisdictionView(row);
    });
  }

  /** Renames a jurisdiction; its id, level and place in the tree never change. */
  async update(id: string, dto: UpdateJurisdictionDto, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findInScope(id, user, { manager, lock: true });
      if (before.name === dto.name) return jurisdictionView(before);
      await this.jurisdictions.rename(manager, id, dto.name);
      const after = { ...before, name: dto.name };
      await appendAuditEvent(manager, {
        eventKey: `jurisdiction.updated:${id}:${randomUUID()}`,
        actor: user,
        action: 'jurisdiction.updated',
        entityType: 'jurisdiction',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
        reason: dto.reason,
      });
      return jurisdictionView(after);
    });
  }
}
