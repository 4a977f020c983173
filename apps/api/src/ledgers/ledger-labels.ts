// What people read in the ledgers and inspection reports: the Chinese names of ledgers and events, and
// an entry's details as one line of text, its personal data masked (libs/domain personal-data.ts).

import type { Ledger } from '@libs/contracts';
import { DATA_CHECK_HIT_LABELS, DEPARTMENT_LABELS, maskPersonalData } from '@libs/domain';

/** 三本台账 the three ledgers (003 §二(五)). */
export const LEDGER_LABELS: Record<Ledger, string> = {
  identification: '认定台账',
  support: '帮扶台账',
  exit: '退出台账',
};

const LEDGER_EVENT_LABELS: Record<string, string> = {
  recognised: '认定纳入',
  planDrafted: '制定帮扶计划',
  measureDone: '措施办结',
  temporaryAssistance: '临时救助',
  reviewed: '半年核查',
  exited: '退出',
  closed: '销档',
  reEnrolled: '返贫纳入',
};

/** The label of `key` in `labels`, or the key itself (never an inherited property such as `constructor`). */
const labelOf = (labels: Record<string, string>, key: string): string =>
  Object.hasOwn(labels, key) ? labels[key] : key;

/** The Chinese name of a ledger event; an event this build does not know yet shows as itself. */
export function ledgerEventLabel(event: string): string {
  return labelOf(LEDGER_EVENT_LABELS, event);
}

// Names of the entry fields most likely to appear; any other field shows under its own name.
const ENTRY_FIELD_LABELS: Record<string, string> = {
  reason: '理由',
  note: '备注',
  summary: '摘要',
  perCapitaIncome: '人均收入(元)',
  povertyLine: '相对贫困线(元)',
  basis: '认定依据',
  reasons: '依据',
  outcome: '结果',
  label: '事项',
  department: '部门',
  amount: '金额(元)',
  measures: '措施',
  decision: '决定',
  idNumber: '身份证号',
  name: '姓名',
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        item && typeof item === 'object' && 'label' in item ? String(item.label) : describeValue(item),
      )
      .join('、');
  }
  return JSON.stringify(value);
}

/** An entry's fields as one line, `理由：…；人均收入(元)：…`; a `summary` text stands for the whole entry. */
export function describeEntry(entry: Record<string, unknown> | null): string {
  if (!entry) return '';
  const masked = maskPersonalData(entry);
  if (typeof masked.summary === 'string') return masked.summary;
  return Object.entries(masked)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${labelOf(ENTRY_FIELD_LABELS, key)}：${describeValue(value)}`)
    .join('；');
}

interface HitLike {
  department?: unknown;
  category?: unknown;
  detail?: unknown;
}

/** 比对命中 one data-check hit as people read it: `住建局：商品房（县城一套）`. */
export function describeHit(hit: HitLike): string {
  const department = typeof hit.department === 'string' ? labelOf(DEPARTMENT_LABELS, hit.department) : '';
  const category = typeof hit.category === 'string' ? labelOf(DATA_CHECK_HIT_LABELS, hit.category) : '';
  const detail = typeof hit.detail === 'string' && hit.detail.trim() ? `（${hit.detail.trim()}）` : '';
  return `${department ? `${department}：` : ''}${category}${detail}`;
}

/** The hits an override set aside, from the flag's detail (`{ hits: [...] }`), or the detail itself. */
export function describeOverride(detail: Record<string, unknown> | null): string {
  const hits = detail?.hits;
  if (Array.isArray(hits)) return hits.map((hit: HitLike) => describeHit(hit ?? {})).join('；');
  return describeEntry(detail);
}
