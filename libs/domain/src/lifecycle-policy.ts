// The county's lifecycle policy: how long the notice, the reviews, the support and the observation last,
// how many working days (or hours when urgent) each step may take, which departments the data check asks
// and through which connector. Durations are ISO 8601 (P7D, P6M,
// P1Y; PT5S in tests), so production and tests run the same code with different numbers.

import { type CasePolicy, DEFAULT_CASE_POLICY } from './case-policy';
import { TASK_KINDS, type TaskKind } from './task-kinds';

/** 成员单位 the member departments of the leading group (000 §三(三)). */
export const DEPARTMENTS = [
  'civilAffairs',
  'housing',
  'vehicles',
  'publicSecurity',
  'humanResources',
  'medicalInsurance',
  'marketRegulation',
  'education',
  'health',
  'finance',
  'disabledPersons',
  'agriculture',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_LABELS: Record<Department, string> = {
  civilAffairs: '民政局',
  housing: '住建局',
  vehicles: '公安局车管所',
  publicSecurity: '公安局',
  humanResources: '人社局',
  medicalInsurance: '医保局',
  marketRegulation: '市场监管局',
  education: '教育局',
  health: '卫健局',
  finance: '财政局',
  disabledPersons: '残联',
  agriculture: '农业农村局',
};

/** How a department answers a data check: its officer's inbox, an Excel workbook, or its own HTTP endpoint. */
export const DATA_CHECK_CONNECTORS = ['inbox', 'excel', 'http'] as const;
export type DataCheckConnector = (typeof DATA_CHECK_CONNECTORS)[number];

export interface DataCheckDepartment {
  department: Department;
  connector: DataCheckConnector;
  /** For the http connector: where the platform POSTs its request (docs/data-check-contract.md). */
  endpoint?: string;
}

export interface LifecyclePolicy {
  /** 村内公示 notice period. */
  publicNotice: string;
  /** 半年核查 the interval between reviews while in support. */
  reviewInterval: string;
  /** 原则上不超过一年: from this long after recognition, continuing needs a recorded justification. */
  supportLimit: string;
  /** 持续关注 after exit. */
  observation: string;
  /** 低保标准 yuan per person per year: the 渐退期 and 单人保 thresholds are counted from it. */
  minimumLivingStandard: number;
  dataCheckDepartments: DataCheckDepartment[];
  /** Working days each kind of task may stay open before it is overdue. */
  taskSlaWorkingDays: Record<TaskKind, number>;
  /** Hours instead, in an urgent case (特事特办). */
  urgentTaskSlaHours: Record<TaskKind, number>;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  publicNotice: 'P7D',
  reviewInterval: 'P6M',
  supportLimit: 'P1Y',
  observation: 'P3M',
  minimumLivingStandard: 6312,
  dataCheckDepartments: [],
  taskSlaWorkingDays: DEFAULT_CASE_POLICY.taskSlaWorkingDays,
  urgentTaskSlaHours: DEFAULT_CASE_POLICY.urgentTaskSlaHours,
};

/** The deadlines' rules for a county: its task SLAs with the platform's escalation intervals. */
export function casePolicyOf(
  policy: Pick<LifecyclePolicy, 'taskSlaWorkingDays' | 'urgentTaskSlaHours'>,
): CasePolicy {
  return {
    ...DEFAULT_CASE_POLICY,
    taskSlaWorkingDays: policy.taskSlaWorkingDays,
    urgentTaskSlaHours: policy.urgentTaskSlaHours,
  };
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export interface Duration {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** An ISO 8601 duration of whole units (P1Y2M3DT4H5M6S), or undefined if it is not one or is zero. */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [years, months, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  if (years + months + days + hours + minutes + seconds === 0) return undefined;
  return { years, months, days, hours, minutes, seconds };
}

/**
 * `from` plus the duration: years and months by the calendar (31 Jan + P1M = 28/29 Feb), days as 24 hours
 * (China has no daylight saving time).
 */
export function addDuration(from: Date, text: string): Date {
  const duration = parseDuration(text);
  if (!duration) throw new RangeError(`not an ISO 8601 duration: ${text}`);
  const at = new Date(from.getTime());
  const months = duration.years * 12 + duration.months;
  if (months > 0) {
    const day = at.getUTCDate();
    at.setUTCDate(1);
    at.setUTCMonth(at.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
    at.setUTCDate(Math.min(day, lastDay));
  }
  const seconds = ((duration.days * 24 + duration.hours) * 60 + duration.minutes) * 60 + duration.seconds;
  return new Date(at.getTime() + seconds * 1000);
}

/** Where the platform runs (NODE_ENV): development and test allow plain http and loopback endpoints. */
export type DeploymentEnvironment = 'development' | 'production' | 'test';

// Addresses a department endpoint may not point at outside development: the platform's own host and
// network, link-local (cloud metadata at 169.254.169.254) and the unspecified address.
const PRIVATE_IPV4: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x7f000000, 8], // 127.0.0.0/8 loopback
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0xa9fe0000, 16], // 169.254.0.0/16 link-local, metadata
];
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.tencentyun.com']);

function ipv4Value(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function privateIpv4(value: number): boolean {
  return PRIVATE_IPV4.some(
    ([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)),
  );
}

/** An IPv6 literal (as URL prints it, compressed, lower case) in loopback, fc00::/7, fe80::/10 or a mapped IPv4 of those. */
function privateIpv6(host: string): boolean {
  if (host === '::1' || host === '::') return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) return privateIpv4(parseInt(mapped[1], 16) * 65536 + parseInt(mapped[2], 16));
  const first = parseInt(host.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** Is this IP address (v4 dotted or v6, as DNS answers it) loopback, private, link-local or unspecified? */
export function isInternalAddress(address: string): boolean {
  const host = address.toLowerCase().replace(/^\[|\]$/g, '');
  const ipv4 = ipv4Value(host);
  if (ipv4 !== undefined) return privateIpv4(ipv4);
  return host.includes(':') && privateIpv6(host);
}

/**
 * Why a department's endpoint may not be called from this environment (in Chinese), or undefined. Outside
 * development and test it must be https:// and name no loopback, private, link-local or metadata address.
 * (A host name is checked as written here; the connector checks what it resolves to before each call.)
 */
export function departmentEndpointProblem(
  endpoint: string,
  environment: DeploymentEnvironment,
): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return '不是有效的网址';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '应为 https:// 开头的地址';
  if (environment === 'development' || environment === 'test') return undefined;
  if (url.protocol !== 'https:') return '正式环境中部门接口须使用 https://（加密传输）';
  if (url.username || url.password) return '地址中不得含用户名或密码，请改用签名密钥';
  const host = url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const internal =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    METADATA_HOSTS.has(host) ||
    isInternalAddress(host);
  return internal ? `不得指向本机、内网、链路本地或云元数据地址（${host}）` : undefined;
}

/**
 * Problems of a policy, in Chinese with the field names; empty when it is usable. Department endpoints are
 * checked for the environment the platform runs in (production when not said).
 */
export function lifecyclePolicyProblems(
  policy: LifecyclePolicy,
  environment: DeploymentEnvironment = 'production',
): string[] {
  const problems: string[] = [];
  for (const field of ['publicNotice', 'reviewInterval', 'supportLimit', 'observation'] as const) {
    if (typeof policy[field] !== 'string' || !parseDuration(policy[field]))
      problems.push(`${field} 应为 ISO 8601 时长，如 P7D、P6M、P1Y`);
  }
  if (!(policy.minimumLivingStandard > 0)) problems.push('minimumLivingStandard 应为正数（元/人/年）');
  const seen = new Set<string>();
  for (const [index, entry] of policy.dataCheckDepartments.entries()) {
    if (seen.has(entry.department))
      problems.push(`dataCheckDepartments[${index}].department 重复：${entry.department}`);
    seen.add(entry.department);
    if (entry.connector === 'http' && !entry.endpoint)
      problems.push(`dataCheckDepartments[${index}].endpoint 接口方式须填写部门接口地址`);
    const endpointProblem = entry.endpoint && departmentEndpointProblem(entry.endpoint, environment);
    if (endpointProblem) problems.push(`dataCheckDepartments[${index}].endpoint ${endpointProblem}`);
  }
  const limits = { taskSlaWorkingDays: [60, '个工作日'], urgentTaskSlaHours: [720, '小时'] } as const;
  for (const field of ['taskSlaWorkingDays', 'urgentTaskSlaHours'] as const) {
    const [max, unit] = limits[field];
    for (const kind of TASK_KINDS) {
      const value = policy[field]?.[kind];
      if (!Number.isInteger(value) || value < 1 || value > max)
        problems.push(`${field}.${kind} 应为 1–${max} 的整数（${unit}）`);
    }
    for (const key of Object.keys(policy[field] ?? {}))
      if (!TASK_KINDS.includes(key as TaskKind)) problems.push(`${field}.${key} 不是任务类型`);
  }
  return problems;
}
