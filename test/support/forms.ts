// Valid task forms for specs: what a careful caseworker, reviewer or officer would submit.

import { WELLBEING_INDICATORS } from '@libs/domain';

type Members = { idNumber: string; annualIncome?: number }[];

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Every indicator secured except those named. */
export function indicators(unmet: string[] = []): Record<string, boolean> {
  return Object.fromEntries(WELLBEING_INDICATORS.map((i) => [i, !unmet.includes(i)]));
}

/** Incomes by kind per member; `perMember` overrides each member's wages (default: the application's income). */
export function incomes(members: Members, perMember?: number) {
  return members.map((m) => ({
    idNumber: m.idNumber,
    wages: perMember ?? m.annualIncome ?? 0,
    business: 0,
    property: 0,
    transfer: 0,
  }));
}

export function homeSurvey(members: Members, overrides: Record<string, unknown> = {}) {
  return {
    surveyedOn: today(),
    incomes: incomes(members),
    indicators: indicators(['medical']),
    povertyCauses: ['illness'],
    notes: '入户核实，家中一人长期患病',
    ...overrides,
  };
}

export function meeting(overrides: Record<string, unknown> = {}) {
  return {
    heldOn: today(),
    attendees: 25,
    votesFor: 23,
    votesAgainst: 2,
    minutes: '到会代表25人，23人同意，2人反对',
    ...overrides,
  };
}

export function publicNotice() {
  return { startsOn: today(), place: '村委会公示栏' };
}

export function supportPlan(overrides: Record<string, unknown> = {}) {
  return {
    safetyNet: [
      { type: 'minimumLivingAllowance', department: 'civilAffairs', monthlyAmount: 560 },
      { type: 'povertyInsurance', department: 'finance', covers: ['illness'] },
    ],
    sectorMeasures: [
      { sector: 'employment', department: 'humanResources', description: '推荐到本地合作社务工' },
      { sector: 'medical', department: 'medicalInsurance', description: '大病保险倾斜报销' },
    ],
    ...overrides,
  };
}

export function measureReport() {
  return { implementedOn: today(), report: '已落实到位' };
}

export function followUp(result = 'effective') {
  return { result, note: '回访核实，措施见效' };
}

export function periodicReview(
  members: Members,
  outcome: string,
  perMember?: number,
  extra: Record<string, unknown> = {},
) {
  return { incomes: incomes(members, perMember), indicators: indicators(), outcome, ...extra };
}

export function intake() {
  return { dataConsent: { signed: true, signedAt: today() }, povertyCauses: ['illness'] };
}
