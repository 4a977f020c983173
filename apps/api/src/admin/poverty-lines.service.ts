// 相对贫困线 povertyLine rules per jurisdiction, year and area (动态调整, adjusted every year). A changed
// line reaches open cases at their next 半年核查 review, or at once when an admin asks for re-evaluation.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reevaluateSignal } from '@libs/contracts';
import {
  povertyLine,
  type PovertyLineArea,
  type PovertyLineRule,
  JURISDICTION_LEVEL_LABELS,
} from '@libs/domain';
import {
  appendAuditEvent,
  CasesRepository,
  findPovertyLine,
  findPovertyLinePage,
  lockPovertyLine,
  type PovertyLineRow,
  savePovertyLine,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { actorOf } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { WorkflowGone } from '../temporal/temporal-errors';
import type { PovertyLinesQueryDto, PutPovertyLineDto, ReevaluateCasesDto } from './dto/poverty-line.dto';
import { JurisdictionsService } from './jurisdictions.service';

const AREA_LABELS: Record<PovertyLineArea, string> = { urban: '城镇', rural: '农村' };
const BASIS_LABELS: Record<PovertyLineRule['basis'], string> = {
  median: '上年人均可支配收入中位数',
  perCapitaDisposable: '上年人均可支配收入',
};

const DEFAULT_PAGE_SIZE = 20;
// Cases read per query, and signals in flight at once, when re-evaluating a jurisdiction's open cases.
const REEVALUATE_BATCH = 500;
const SIGNAL_CONCURRENCY = 20;
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
    private readonly cases: CasesRepository,
  ) {}

  /**
   * The rules the user works under or sets: those of their own jurisdiction, its subtree and the levels
   * above it (a township's people see the county's line). Newest year first, then by place and area.
   */
  async list(query: PovertyLinesQueryDto, user: AuthUser) {
    const after = query.cursor
      ? decodeCursor(
          query.cursor,
          (keys): keys is [number, string, string] =>
            Number.isInteger(keys[0]) && typeof keys[1] === 'string' && typeof keys[2] === 'string',
        )
      : undefined;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await findPovertyLinePage(
      this.dataSource,
      { scopePath: user.jurisdictionPath, jurisdictionId: query.jurisdictionId, year: query.year, after },
      limit + 1,
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
      // Writers of one rule queue here, so `before` is what they replace.
      await lockPovertyLine(manager, rule);
      const findRule = () => findPovertyLine(manager, rule.jurisdictionId, rule.year, rule.area);
      const existing = await findRule();
      const before = existing ? auditView(lineView(existing)) : null;
      if (existing && JSON.stringify(before) === JSON.stringify(after))
        return { row: existing, changed: false };
      await savePovertyLine(manager, rule, after.line, user.userId);
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
      return { row: (await findRule()) as PovertyLineRow, changed: true };
    });
    const openCasesAffected = await this.cases.countOpenInSubtree(this.dataSource, jurisdiction.path);
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
      const cases = await this.cases.findOpenInSubtree(
        this.dataSource,
        jurisdiction.path,
        after,
        REEVALUATE_BATCH,
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
}
