// Turns the rows of an uploaded 比对请求表 into one answer per request. A request is answered only when
// every member it asked about has a usable row; anything the platform cannot use is reported back with the
// row number and a reason in Chinese, never guessed at.

import type { DataCheckHitEntry } from '@libs/contracts';
import {
  DATA_CHECK_HIT_CATEGORIES,
  DATA_CHECK_HIT_LABELS,
  type DataCheckHitCategory,
  maskIdNumber,
  textProblem,
} from '@libs/domain';
import { RESULT_HIT, RESULT_NONE, type WorkbookAnswerRow } from './data-check-workbook';

/** A request the uploading officer may answer: open or not, of their department, in their scope. */
export interface AnswerableRequest {
  taskId: string;
  householdHead: string | null;
  members: { name: string; idNumber: string; relation: string }[];
}

export interface UnmatchedRow {
  row: number;
  /** Masked: the report is a list. */
  idNumber: string;
  reason: string;
}

export interface IncompleteRequest {
  taskId: string;
  householdHead: string | null;
  /** Members without a usable row, ID numbers masked. */
  missing: { name: string; idNumber: string }[];
  reason: string;
}

export interface RequestAnswer {
  taskId: string;
  hits: DataCheckHitEntry[];
}

export interface MatchedAnswers {
  answers: RequestAnswer[];
  incomplete: IncompleteRequest[];
  unmatched: UnmatchedRow[];
}

const CATEGORY_BY_LABEL = new Map<string, DataCheckHitCategory>(
  DATA_CHECK_HIT_CATEGORIES.flatMap((category) => [
    [DATA_CHECK_HIT_LABELS[category], category],
    // The English name is accepted too: some departments fill the sheet from their own systems.
    [category, category],
  ]),
);

type MemberOutcome = { kind: 'none' } | { kind: 'hit'; hit: DataCheckHitEntry };

/**
 * Matches each row to a request by 任务编号 and 身份证号 (the ID must be one the request asked about),
 * then answers the requests whose members all have a row. `requests` holds only those the officer may answer.
 */
export function matchAnswerRows(
  rows: readonly WorkbookAnswerRow[],
  requests: ReadonlyMap<string, AnswerableRequest>,
): MatchedAnswers {
  const unmatched: UnmatchedRow[] = [];
  // Request id → member ID → what its rows say; a request is "in the file" once any row names it.
  const outcomes = new Map<string, Map<string, MemberOutcome[]>>();

  for (const row of rows) {
    const refuse = (reason: string) =>
      unmatched.push({ row: row.row, idNumber: maskIdNumber(row.idNumber), reason });
    if (!row.taskId) {
      refuse('缺少任务编号');
      continue;
    }
    const request = requests.get(row.taskId);
    if (!request) {
      refuse('任务编号不存在、不是本部门的比对请求或不在您的管辖范围内');
      continue;
    }
    const members = outcomes.get(request.taskId) ?? new Map<string, MemberOutcome[]>();
    outcomes.set(request.taskId, members);
    if (row.idNumberNumeric) {
      refuse('身份证号被存成了数字，末几位已丢失：请把该列设为文本格式，按下载时的原值填写');
      continue;
    }
    if (!row.idNumber) {
      refuse('缺少身份证号');
      continue;
    }
    if (!request.members.some((m) => m.idNumber === row.idNumber)) {
      refuse('身份证号不是该比对请求所列的家庭成员');
      continue;
    }
    const outcome = rowOutcome(row);
    if (typeof outcome === 'string') {
      if (outcome) refuse(outcome);
      continue;
    }
    members.set(row.idNumber, [...(members.get(row.idNumber) ?? []), outcome]);
  }

  const answers: RequestAnswer[] = [];
  const incomplete: IncompleteRequest[] = [];
  for (const [taskId, members] of outcomes) {
    const request = requests.get(taskId)!;
    const unanswered = request.members.filter((m) => !members.has(m.idNumber));
    const contradicted = request.members.filter((m) => {
      const kinds = new Set((members.get(m.idNumber) ?? []).map((o) => o.kind));
      return kinds.size > 1;
    });
    if (unanswered.length > 0 || contradicted.length > 0) {
      const reasons = [
        ...(unanswered.length > 0 ? [`${unanswered.length} 名成员未填写比对结果`] : []),
        ...(contradicted.length > 0
          ? [`${contradicted.map((m) => m.name).join('、')} 既填了「${RESULT_HIT}」又填了「${RESULT_NONE}」`]
          : []),
      ];
      incomplete.push({
        taskId,
        householdHead: request.householdHead,
        missing: [...unanswered, ...contradicted].map((m) => ({
          name: m.name,
          idNumber: maskIdNumber(m.idNumber),
        })),
        reason: `${reasons.join('；')}，该户暂不办结`,
      });
      continue;
    }
    const hits: DataCheckHitEntry[] = [];
    for (const member of request.members) {
      for (const outcome of members.get(member.idNumber)!) {
        if (outcome.kind !== 'hit') continue;
        // The same finding on two copied rows is one finding.
        const seen = hits.some(
          (h) =>
            h.idNumber === outcome.hit.idNumber &&
            h.category === outcome.hit.category &&
            h.detail === outcome.hit.detail,
        );
        if (!seen) hits.push(outcome.hit);
      }
    }
    answers.push({ taskId, hits });
  }
  return { answers, incomplete, unmatched };
}

/** What one row says about its member, a reason it cannot be used, or '' for a row not filled in yet. */
function rowOutcome(row: WorkbookAnswerRow): MemberOutcome | string {
  // The department's cells are checked as every string of a request is: no controls, overrides or bad UTF-16.
  for (const [header, text] of [
    ['比对结果', row.result],
    ['命中类别', row.category],
    ['情况说明', row.detail],
  ] as const) {
    const problem = textProblem(text);
    if (problem) return `${header}${problem}`;
  }
  if (!row.result) return row.category || row.detail ? `请填写比对结果（${RESULT_HIT}/${RESULT_NONE}）` : '';
  if (row.result === RESULT_NONE) {
    return row.category
      ? `比对结果为「${RESULT_NONE}」时不应填写命中类别「${row.category}」`
      : { kind: 'none' };
  }
  if (row.result !== RESULT_HIT)
    return `比对结果「${row.result}」无效，应填「${RESULT_HIT}」或「${RESULT_NONE}」`;
  if (!row.category) return `比对结果为「${RESULT_HIT}」时须选择命中类别`;
  const category = CATEGORY_BY_LABEL.get(row.category);
  if (!category) return `命中类别「${row.category}」不在可选范围内，请从下拉列表中选择`;
  return { kind: 'hit', hit: { category, idNumber: row.idNumber, detail: row.detail } };
}
