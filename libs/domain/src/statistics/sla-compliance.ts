// 按时办结率 SLA compliance: of the tasks closed, the share closed by their deadline.

/** On time / all closed as a percentage with one decimal; null when nothing was closed (no rate, not 0 %). */
export function complianceRate(onTime: number, closed: number): number | null {
  if (closed <= 0) return null;
  return Math.round((onTime / closed) * 1000) / 10;
}
