// Valid applications with fresh, valid ID numbers, so specs never collide on "one open case per person".

import { randomInt } from 'node:crypto';
import { idNumberCheckChar } from '../../libs/domain/src';

/** A valid ID number for someone born in 沂源县 around `birthYear`: random day and sequence number. */
export function freshIdNumber(birthYear = 1980): string {
  const day = new Date(Date.UTC(birthYear, 0, 1) + randomInt(365) * 86_400_000);
  const date = day.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370323${date}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function application(villageId = '370323104201', overrides: Record<string, unknown> = {}) {
  return {
    villageId,
    address: '东里镇东里东村3组17号',
    members: [
      { name: '王建国', idNumber: freshIdNumber(1978), relation: 'head', annualIncome: 14000 },
      { name: '刘桂兰', idNumber: freshIdNumber(1980), relation: 'spouse', annualIncome: 9200 },
      { name: '王小雨', idNumber: freshIdNumber(2008), relation: 'child', annualIncome: 0 },
    ],
    povertyCauses: ['illness'],
    dataConsent: { signed: true, signedAt: '2026-11-20' },
    ...overrides,
  };
}
