// 逐级督办 who hears of an overdue task: level 1 the supervisor nearest the task (its own jurisdiction
// first, then up), level 2 the next supervised level above that, level 3 the county leading-group office.

/**
 * The jurisdiction whose supervisors an escalation of `level` notifies, given the task's jurisdiction
 * chain (county first, the task's own last) and the jurisdictions that have a supervisor.
 */
export function escalationJurisdiction(
  chain: readonly string[],
  supervised: ReadonlySet<string>,
  level: number,
): string | undefined {
  const county = chain[0];
  if (level >= 3) return supervised.has(county) ? county : undefined;
  const upward = [...chain].reverse().filter((id) => supervised.has(id));
  if (level === 1) return upward[0];
  return upward[1] ?? upward[0];
}

export const ESCALATION_LEVEL_LABELS: Record<number, string> = {
  1: '一级督办（已超期）',
  2: '二级督办（上报上一级）',
  3: '三级督办（县领导小组办公室）',
};
