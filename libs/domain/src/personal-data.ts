// 个人信息 personal data: what of a household is personal (ID numbers, phones, exact incomes, health), how
// each kind is masked wherever it is shown, and who may see it in full (need to know). One policy: the API
// masks every response, export, notification and log line through maskPersonalData; a full value is shown
// only by the reveal endpoint, to a viewer mayReveal allows, and every reveal is audited.

import { maskIdNumber } from './id-number';
import type { Role } from './roles';

export const PERSONAL_DATA_KINDS = ['idNumber', 'phone', 'income', 'health'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  idNumber: '身份证号',
  phone: '联系电话',
  income: '收入',
  health: '健康状况',
};

/** 联系电话: the first 3 and last 4 digits of a mobile number, 138****5678; shorter numbers keep the last 2. */
export function maskPhone(value: string): string {
  if (value.length >= 11) return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
  return '*'.repeat(Math.max(value.length - 2, 0)) + value.slice(-2);
}

/** Width of an income band in yuan. */
export const INCOME_BAND_YUAN = 1000;

/**
 * 收入: the 1000-yuan band the amount lies in, "5000–6000元". The comparison with the poverty line stays
 * where it is made: the evaluation shows its verdict (eligible, basis, "低于/不低于相对贫困线…元" with the line
 * in full), so a reader learns on which side of the line a household is and roughly where, not its exact income.
 */
export function maskIncome(yuan: number): string {
  if (!Number.isFinite(yuan)) return '已隐去';
  const low = Math.floor(yuan / INCOME_BAND_YUAN) * INCOME_BAND_YUAN;
  return `${low}–${low + INCOME_BAND_YUAN}元`;
}

/** 健康状况: whatever the detail (因病, 因残, 重病, 重残, medical cover), the same neutral label. */
export const HEALTH_MASK = '健康状况（不公开）';
export const maskHealth = (): string => HEALTH_MASK;

// Keys whose values are personal, by kind. ID numbers: idNumber and any *IdNumber (householdHeadIdNumber…).
const ID_NUMBER_KEY = /^idNumber$|IdNumber$/;
const PHONE_KEY = /^phone$|Phone$/;
// Exact incomes: a member's annual income, the household's per-capita income and the survey's incomes by
// kind (wages, business, property, transfer; `income` too when it is an amount — the indicator of that name
// is a boolean and stays).
const INCOME_KEYS = new Set([
  'annualIncome',
  'perCapitaIncome',
  'income',
  'wages',
  'business',
  'property',
  'transfer',
]);
// Health: the causes 因病/因残 among povertyCauses, the 单人保 reasons, and the survey's medical indicator.
const HEALTH_CAUSES = new Set(['illness', 'disability']);
const HEALTH_CODES = new Set(['seriousIllness', 'severeDisability']);

// In free text: an ID number (17 digits and a digit or X) within a longer run of digits too, so no 18-character
// ID survives whatever surrounds it; a mobile number of 11 digits; an income written as 收入…元.
const ID_NUMBER_TEXT = /\d{17,}[\dXx]?/g;
// Not within a longer run of letters and digits: a UUID's or token's 11 digits after a letter are no phone.
const PHONE_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
const INCOME_TEXT = /收入(-?\d+(?:\.\d+)?)元/g;

// Health in the texts the platform writes: the causes 因病/因残 (qualitative grounds, insurance covers) and the
// unmet medical indicator 「基本医疗有保障」.
const HEALTH_TEXT = /因病|因残|基本医疗有保障/g;

// What any of the above needs somewhere in a text: most texts (labels, ids, dates) have none, and one test
// is cheaper than four replacements on every string of every answer.
const MAYBE_PERSONAL_TEXT = /\d{11}|收入|因病|因残|基本医疗有保障/;

/** Free text with every ID number, mobile number, 收入…元 amount and health phrase in it masked. */
export function maskPersonalText(text: string): string {
  if (!MAYBE_PERSONAL_TEXT.test(text)) return text;
  return text
    .replace(ID_NUMBER_TEXT, (id) => maskIdNumber(id))
    .replace(PHONE_TEXT, (phone) => maskPhone(phone))
    .replace(INCOME_TEXT, (_, amount: string) => `收入${maskIncome(Number(amount))}`)
    .replace(HEALTH_TEXT, HEALTH_MASK);
}

const isAmount = (value: unknown): value is number | string =>
  typeof value === 'number' ||
  (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));

function maskByKey(key: string, value: unknown, parentKey: string | undefined): unknown {
  if (typeof value === 'string' && ID_NUMBER_KEY.test(key)) return maskIdNumber(value);
  if (typeof value === 'string' && PHONE_KEY.test(key)) return maskPhone(value);
  if (INCOME_KEYS.has(key) && isAmount(value)) return maskIncome(Number(value));
  if (key === 'povertyCauses' && Array.isArray(value))
    return value.map((cause) => (HEALTH_CAUSES.has(cause as string) ? HEALTH_MASK : maskWalk(cause)));
  if (parentKey === 'indicators' && key === 'medical') return HEALTH_MASK;
  return maskWalk(value, key);
}

/**
 * A hex digest (a file's sha256, an event's hash) is not text: a run of 17 digits occurs in about one sha256 in
 * sixty by chance, and masking it would spoil the digest.
 */
export const isHexDigest = (value: string): boolean => /^(?=.*[a-f])[0-9a-f]{32,128}$/.test(value);

function maskWalk(value: unknown, parentKey?: string): unknown {
  if (typeof value === 'string') {
    if (HEALTH_CODES.has(value)) return HEALTH_MASK;
    const masked = maskPersonalText(value);
    return masked === value || isHexDigest(value) ? value : masked;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskWalk(item, parentKey));
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return maskWalk(toJSON.call(value), parentKey);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [maskPersonalText(key), maskByKey(key, inner, parentKey)]),
  );
}

/**
 * A copy of `value` (a response body, an audit record, a notification) with its personal data masked: by key
 * (idNumber/*IdNumber, phone, incomes, health) and, in any other string, every ID number, mobile number and
 * 收入…元 amount.
 */
export function maskPersonalData<T>(value: T): T {
  return maskWalk(value) as T;
}

/** Who asks to see a household's personal data in full. */
export interface RevealViewer {
  role: Role;
  /** The department a departmentOfficer works for. */
  department: string | null;
}

/** The case whose household it is, as far as the rule needs it. */
export interface RevealSubject {
  /** Is the case's village in the viewer's jurisdiction (the case is in their scope)? */
  inViewerScope: boolean;
  /** Is the case still open? */
  open: boolean;
  /** Departments with an open data-check request (task) on the case. */
  openDataCheckDepartments: readonly string[];
}

/**
 * 需知原则 need to know: may the viewer see this kind of the household's personal data in full?
 * - caseworker of the village, while the case is open: they survey the household and enter its data;
 * - township reviewer of the township, while open: they review and approve the case on these facts;
 * - county centre officer of the county, any time: the centre recognises, plans support and keeps the records;
 * - inspector in scope, any time: discipline inspection checks the facts behind a decision, also afterwards;
 * - department officer: ID numbers only, only while the department has an open data-check request on the
 *   case — the moment it answers that request (it matches the members on their ID numbers);
 * - supervisors and admins never: they oversee deadlines and the platform, not households.
 */
export function mayReveal(viewer: RevealViewer, subject: RevealSubject, kind: PersonalDataKind): boolean {
  if (!subject.inViewerScope) return false;
  switch (viewer.role) {
    case 'caseworker':
    case 'townshipReviewer':
      return subject.open;
    case 'countyOfficer':
    case 'inspector':
      return true;
    case 'departmentOfficer':
      return (
        kind === 'idNumber' &&
        viewer.department !== null &&
        subject.openDataCheckDepartments.includes(viewer.department)
      );
    case 'supervisor':
    case 'admin':
      return false;
  }
}
