// Synthetic applications for specs and benchmarks: valid, random ID numbers so runs never collide on
// "one open case per person".

import { randomInt } from 'node:crypto';
import { WELLBEING_INDICATORS, idNumberCheckChar } from '@libs/domain';

/**
 * Every ID number this process has handed out. Drawn at random, 1,000 adults' numbers meet a repeat about one
 * run in twenty (a birthday-paradox draw from 11 million), which the fault run's 500 households once did:
 * a second open case for one person, refused.
 */
const issued = new Set<string>();
/**
 * The jest workers of one run share a database: each draws sequence numbers ending in its own digit, so two
 * workers never hand out the same number either (a script, outside jest, has lane 0).
 */
const lane = Number(process.env.JEST_WORKER_ID ?? 0) % 10;

/** A valid ID number of someone born in 沂源县 in [fromYear, toYear], random day and sequence, new to this run. */
export function syntheticIdNumber(fromYear: number, toYear = fromYear + 29): string {
  const start = Date.UTC(fromYear, 0, 1);
  const days = Math.floor((Date.UTC(toYear, 11, 31) - start) / 86_400_000);
  for (;;) {
    const date = new Date(start + randomInt(days + 1) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    const first17 = `370323${date}${String(randomInt(100) * 10 + lane).padStart(3, '0')}`;
    if (issued.has(first17)) continue;
    issued.add(first17);
    return first17 + idNumberCheckChar(first17);
  }
}

/** A family of three in the given village (default 东里东村), per-capita income below the line. */
export function syntheticApplication(villageId = '370323104201', overrides: Record<string, unknown> = {}) {
  return {
    villageId,
    address: '东里镇东里东村3组17号',
    members: [
      { name: '王建国', idNumber: syntheticIdNumber(1950), relation: 'head', annualIncome: 14000 },
      { name: '刘桂兰', idNumber: syntheticIdNumber(1950), relation: 'spouse', annualIncome: 3200 },
      { name: '王小雨', idNumber: syntheticIdNumber(2000, 2015), relation: 'child', annualIncome: 0 },
    ],
    povertyCauses: ['illness'],
    dataConsent: { signed: true, signedAt: '2026-11-20' },
    ...overrides,
  };
}

/** A home survey's form for a synthetic household: incomes as applied, the nine indicators, the cause. */
export function syntheticSurvey(
  members: { idNumber: string; annualIncome: number }[],
): Record<string, unknown> {
  return {
    surveyedOn: new Date().toISOString().slice(0, 10),
    incomes: members.map((m) => ({
      idNumber: m.idNumber,
      wages: m.annualIncome,
      business: 0,
      property: 0,
      transfer: 0,
    })),
    indicators: Object.fromEntries(WELLBEING_INDICATORS.map((i) => [i, i !== 'medical'])),
    povertyCauses: ['illness'],
  };
}
