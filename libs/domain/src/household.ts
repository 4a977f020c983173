// 家庭 household facts used at intake: members, relations, poverty causes and income per person.

export const MEMBER_RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandparent',
  'grandchild',
  'sibling',
  'other',
] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];

/** 致贫原因 poverty causes (DOMAIN.md, GLOSSARY.md). */
export const POVERTY_CAUSES = [
  'illness',
  'disability',
  'schooling',
  'disaster',
  'accident',
  'lackOfLabour',
  'lackOfSkills',
  'epidemic',
  'rigidExpense',
] as const;
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

/** Annual household income divided by the number of members, in yuan, rounded to the fen. */
export function perCapitaIncome(annualIncomes: readonly number[]): number {
  if (annualIncomes.length === 0) throw new Error('a household has at least one member');
  const totalFen = annualIncomes.reduce((sum, income) => sum + Math.round(income * 100), 0);
  return Math.round(totalFen / annualIncomes.length) / 100;
}
