// 相对贫困线 povertyLine rules per jurisdiction, year and area (动态调整, adjusted every year). A changed
// line reaches open cases at their next 半年核查 review, or at once when an admin asks for re-evaluation.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reevaluateSignal } from '@libs/contracts';
import { povertyLine, type PovertyLineArea, type PovertyLineRule } from '@libs/domain';
import { appendAuditEvent } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { actorOf } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { WorkflowGone } from '../temporal/temporal-errors';
import { JURISDICTION_LEVEL_LABELS } from './admin-rules';
import type { PovertyLinesQueryDto, PutPovertyLineDto, ReevaluateCasesDto } from './dto/poverty-line.dto';
import { JurisdictionsService, type JurisdictionRow } from './jurisdictions.service';

interface PovertyLineRow {
  jurisdiction_id: string;
  jurisdiction_name: string;
  jurisdiction_level: JurisdictionRow['level'];
  jurisdiction_path: string;
  year: number;
  area: PovertyLineArea;
  basis: PovertyLineRule['basis'];
  base_income: string;
  ratio: string;
  line: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

const AREA_LABELS: Record<PovertyLineArea, string> = { urban: '城镇', rural: '农村' };
const BASIS_LABELS: Record<PovertyLineRule['basis'], string> = {
  median: '上年人均可支配收入中位数',
  perCapitaDisposable: '上年人均可支配收入',
};

const DEFAULT_PAGE_SIZE = 20;
// Cases read per query, and signals in flight at once, when re-evaluating a jurisdiction's open cases.
const REEVALUATE_BATCH = 500;
const SIGNAL_CONCURRENCY = 20;
// Writers of one rule queue on this lock (with its key), so `before` is what they replace.
const POVERTY_LINE_LOCK = 7_401_004;

const LINE_SELECT = `
  SELECT p.jurisdiction_id, j.name AS jurisdiction_name, j.level AS jurisdiction_level,
    j.path AS jurisdiction_path, p.year, p.area, p.basis, p.base_income, p.ratio, p.line, p.updated_at,
    p.updated_by, u.display_name AS updated_by_name
  FROM poverty_lines p JOIN jurisdictions j ON j.id = p.jurisdiction_id LEFT JOIN users u ON u.id = p.updated_by`;

const percent = (ratio: number): string => `${Number((ratio * 100).toFixed(4))}%`;

function lineView(row: PovertyLineRow) {
  return {
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    level: row.jurisdiction_level,
    levelLabel: JURISDICTION_LEVEL_LABELS[row.jurisdiction_level],
    year: row.year,
    area: row.area,
    areaLabel: AREA_LABELS[row.area],
    basis: row.basis,
    basisLabel: BASIS_LABELS[row.basis],
    baseIncome: Number(row.base_income),
    ratio: Number(row.ratio),
    line: row.line,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? { id: row.updated_by, displayName: row.updated_by_name } : null,
  };
}

const auditView = (rule: { basis: string; baseIncome: number; ratio: number; line: number }) => ({
  basis: rule.basis,
  baseIncome: rule.baseIncome,
  ratio: rule.ratio,
  line: rule.line,
});

/** Runs `task` over `items` with at most `limit` running at once. */
async function forEachConcurrently<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

@Injectable()
export class PovertyLinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
    private readonly temporal: TemporalGateway,
  ) {}

  /**
   * The rules the user works under or sets: those of their own jurisdiction, its subtree and the levels
   * above it (a township's people see the county's line). Newest year first, then by place and area.
   */
  async list(query: PovertyLinesQueryDto, user: AuthUser) {
    const params: unknown[] = [user.jurisdictionPath];
    const where = [`(j.path = $1 OR j.path LIKE $1 || '.%' OR $1 LIKE j.path || '.%')`];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.jurisdictionId) where.push(`p.jurisdiction_id = ${p(query.jurisdictionId)}`);
    if (query.year !== undefined) where.push(`p.year = ${p(query.year)}`);
    if (query.cursor) {
      const [year, path, area] = decodeCursor(
        query.cursor,
        (keys): keys is [number, string, string] =>
          Number.isInteger(keys[0]) && typeof keys[1] === 'string' && typeof keys[2] === 'string',
      );
      where.push(
        `(p.year < ${p(year)} OR (p.year = ${p(year)} AND (j.path, p.area) > (${p(path)}, ${p(area)})))`,
      );
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows: PovertyLineRow[] = await this.dataSource.query(
      `${LINE_SELECT} WHERE ${where.join(' AND ')}
       ORDER BY p.year DESC, j.path, p.area LIMIT ${p(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(lineView),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.year, last.jurisdiction_path, last.area]) : null,
    };
  }

  /**
   * Sets one rule (jurisdiction, year, area) and computes its line. Says how many open cases in the
   * jurisdiction's subtree the change reaches: they take it at their next review, or now on request.
   */
  async put(dto: PutPovertyLineDto, user: AuthUser) {
    const jurisdiction = await this.jurisdictions.findInScope(dto.jurisdictionId, user, {
      field: 'jurisdictionId',
    });
    const rule: PovertyLineRule = {
      jurisdictionId: jurisdiction.id,
      year: dto.year,
      area: dto.area,
      basis: dto.basis,
      baseIncome: dto.baseIncome,
      ratio: dto.ratio,
    };
    const after = auditView({ ...rule, line: povertyLine(rule) });
    const key = `${rule.jurisdictionId}:${rule.year}:${rule.area}`;
    const { row, changed } = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [POVERTY_LINE_LOCK, key]);
      const findRule = async () => {
        const [found]: PovertyLineRow[] = await manager.query(
          `${LINE_SELECT} WHERE p.jurisdiction_id = $1 AND p.year = $2 AND p.area = $3`,
          [rule.jurisdictionId, rule.year, rule.area],
        );
        return found;
      };
      const existing = await findRule();
      const before = existing ? auditView(lineView(existing)) : null;
      if (existing && JSON.stringify(before) === JSON.stringify(after))
        return { row: existing, changed: false };
      await manager.query(
        `INSERT INTO poverty_lines (jurisdiction_id, year, area, basis, base_income, ratio, line, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)
         ON CONFLICT (jurisdiction_id, year, area) DO UPDATE SET basis = EXCLUDED.basis,
           base_income = EXCLUDED.base_income, ratio = EXCLUDED.ratio, line = EXCLUDED.line,
           updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [
          rule.jurisdictionId,
          rule.year,
          rule.area,
          rule.basis,
          rule.baseIncome,
          rule.ratio,
          after.line,
          user.userId,
        ],
      );
      await appendAuditEvent(manager, {
        eventKey: `povertyLine.updated:${key}:${randomUUID()}`,
        actor: user,
        action: 'povertyLine.updated',
        entityType: 'povertyLine',
        entityId: key,
        before,
        after,
        reason: dto.reason,
      });
      return { row: await findRule(), changed: true };
    });
    const openCasesAffected = await this.countOpenCases(jurisdiction.path);
    const view = lineView(row);
    const what = `${jurisdiction.name}${view.year}年${view.areaLabel}相对贫困线`;
    const saved = changed
      ? `已保存${what}：${view.baseIncome} × ${percent(view.ratio)} = ${view.line} 元/人/年。`
      : `${what}与现行标准相同（${view.line} 元/人/年），未作修改。`;
    const cases = !changed
      ? ''
      : openCasesAffected > 0
        ? `辖区内 ${openCasesAffected} 件在办案件将在下次半年核查时按新标准重新评估，也可以立即重新评估。`
        : '辖区内暂无在办案件。';
    return { ...view, changed, openCasesAffected, message: saved + cases };
  }

  /**
   * Asks every open case in the jurisdiction's subtree to evaluate again now (reevaluateSignal), at most
   * SIGNAL_CONCURRENCY at a time. A case whose workflow has already ended is skipped. Audited once.
   */
  async reevaluate(dto: ReevaluateCasesDto, user: AuthUser) {
    const jurisdiction = await this.jurisdictions.findInScope(dto.jurisdictionId, user, {
      field: 'jurisdictionId',
    });
    const input = { actor: actorOf(user), reason: dto.reason };
    let signalled = 0;
    let skipped = 0;
    let failed = 0;
    let lastError: string | undefined;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const cases: { id: string; workflow_id: string }[] = await this.dataSource.query(
        `SELECT id, workflow_id FROM cases
         WHERE status = 'open' AND (jurisdiction_path = $1 OR jurisdiction_path LIKE $2) AND id > $3::uuid
         ORDER BY id LIMIT $4`,
        [jurisdiction.path, `${jurisdiction.path}.%`, after, REEVALUATE_BATCH],
      );
      await forEachConcurrently(cases, SIGNAL_CONCURRENCY, async (c) => {
        try {
          await this.temporal.signal(c.workflow_id, reevaluateSignal, input);
          signalled++;
        } catch (error) {
          if (error instanceof WorkflowGone) skipped++;
          else {
            failed++;
            lastError = error instanceof Error ? error.message : String(error);
          }
        }
      });
      if (cases.length < REEVALUATE_BATCH) break;
      after = cases[cases.length - 1].id;
    }
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `povertyLine.reevaluationRequested:${jurisdiction.id}:${randomUUID()}`,
        actor: user,
        action: 'povertyLine.reevaluationRequested',
        entityType: 'jurisdiction',
        entityId: jurisdiction.id,
        after: { signalled, skipped, failed },
        reason: dto.reason,
      }),
    );
    if (failed > 0) {
      throw new AppException(
        'REEVALUATION_INCOMPLETE',
        503,
        `流程服务暂不可用：已通知 ${signalled} 件，${failed} 件未能通知，请稍后重试（对同一案件重复通知无害）`,
        { signalled, skipped, failed, detail: lastError },
      );
    }
    return {
      jurisdictionId: jurisdiction.id,
      signalled,
      skipped,
      message: `已通知${jurisdiction.name} ${signalled} 件在办案件按现行相对贫困线重新评估${skipped > 0 ? `；${skipped} 件流程已结束，跳过` : ''}。`,
    };
  }

  private async countOpenCases(path: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM cases
       WHERE status = 'open' AND (jurisdiction_path = $1 OR jurisdiction_path LIKE $2)`,
      [path, `${path}.%`],
    );
    return count;
  }
}
