// A finding's evidence as one line of Chinese for the screen and the CSV (masked where it is shown).

import { MEMBER_RELATION_LABELS, ROLE_LABELS, TASK_STEPS, chinaLocalDate } from '@libs/domain';
import type { AnomalyKind } from '@libs/domain/anomalies';
import type { AnomalyEvidence } from '@libs/persistence/repositories/anomalies.repository';
import { RELATIVE_RELATION_LABELS } from '../admin/admin-rules';

const TASK_LABELS: Record<string, string> = Object.fromEntries(TASK_STEPS.map((s) => [s.kind, s.label]));
const ATTEMPT_LABELS: Record<string, string> = {
  claim: '认领',
  assign: '指派',
  delegate: '转交',
  decide: '办理',
};
const DECISION_LABELS: Record<string, string> = { approve: '通过', reject: '不通过', return: '退回' };

const labelOf = (labels: Record<string, string>, key: unknown): string =>
  typeof key === 'string' && Object.hasOwn(labels, key) ? labels[key] : String(key ?? '');

const day = (iso: unknown): string => (typeof iso === 'string' ? chinaLocalDate(new Date(iso)) : '');

const relation = (code: unknown): string =>
  labelOf({ ...MEMBER_RELATION_LABELS, ...RELATIVE_RELATION_LABELS }, code);

/** `入户调查（通过，2026-03-02）、民主评议（通过，2026-03-05）` */
const decisions = (list: AnomalyEvidence['decisions']): string =>
  (list ?? [])
    .map(
      (d) =>
        `${labelOf(TASK_LABELS, d.taskKind)}（${labelOf(DECISION_LABELS, d.decision)}，${day(d.decidedAt)}）`,
    )
    .join('、');

/** What the evidence of a finding of `kind` says, `workingDaysOverdue` being the task's (for overdue tasks). */
export function describeAnomaly(kind: AnomalyKind, e: AnomalyEvidence, workingDaysOverdue?: number): string {
  switch (kind) {
    case 'refusedAttempt':
      return `${labelOf(ATTEMPT_LABELS, e.attempt)}任务被拒并记录（操作账号 ${e.attemptedBy?.username ?? ''}，${labelOf(
        ROLE_LABELS,
        e.attemptedBy?.role,
      )}）：${e.reason ?? ''}`;
    case 'relativeDecided':
      return `经办人申报的亲属${e.relative?.name ?? ''}（${relation(e.relative?.relation)}）是该户成员；经办：${decisions(
        e.decisions,
      )}`;
    case 'sameSurnameSameVillage':
      return `经办人驻本村，与该户${(e.members ?? []).map((m) => m.name).join('、')}同姓「${
        e.surname
      }」；经办：${decisions(e.decisions)}`;
    case 'relativeAtSameAddress':
      return `经办人申报的亲属${e.relative?.name ?? ''}（${relation(e.relative?.relation)}）户籍登记在同一地址「${
        e.address
      }」；经办：${decisions(e.decisions)}`;
    case 'idNumberInTwoCases': {
      const where = [
        e.atTheSameTime ? '两案同时在办' : '',
        e.inAnotherCounty ? `另一案在${e.otherCase?.county ?? '外县'}` : '',
      ]
        .filter(Boolean)
        .join('，');
      return `成员${e.member?.name ?? ''}（${e.member?.idNumber ?? ''}）另在案件 ${e.otherCase?.caseId}（${
        e.otherCase?.status === 'open' ? '在办' : '已办结'
      }）中：${where}`;
    }
    case 'incomeBelowReview':
      return `入户调查人均收入${e.survey?.perCapitaIncome}元，${day(e.review?.decidedAt)}半年核查人均收入${
        e.review?.perCapitaIncome
      }元，为调查的 ${e.ratio ?? '—'} 倍（阈值 ${e.threshold} 倍）`;
    case 'membersChangedBeforeReview':
      return `半年核查（${day(e.review?.decidedAt)}）所列成员与入户调查（${day(e.survey?.decidedAt)}）不同：增加 ${
        (e.added ?? []).length
      } 人，减少 ${(e.removed ?? []).length} 人`;
    case 'overdueTask':
      return `${labelOf(TASK_LABELS, e.taskKind)}（${e.taskJurisdiction?.name ?? ''}）${day(e.dueAt)} 到期，已超期 ${
        workingDaysOverdue ?? '—'
      } 个工作日未办${(e.escalationLevel ?? 0) > 0 ? `，已${e.escalationLevel}级督办` : ''}`;
    case 'escalationIgnored':
      return `${labelOf(TASK_LABELS, e.taskKind)}于 ${day(e.escalatedAt)} ${e.escalationLevel}级督办后至今未办（${day(
        e.dueAt,
      )} 到期）`;
    case 'planChangedWithoutReview':
      return `帮扶计划与台账所记（${e.ledgerEntryId}）不一致，其间无核查；${day(e.recognisedAt)} 认定`;
    case 'membersChangedAfterIntake':
      return `登记时家庭成员 ${e.membersAtIntake} 人，现为 ${e.membersNow} 人；${day(e.recognisedAt)} 认定`;
  }
}
