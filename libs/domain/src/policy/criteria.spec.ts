import {
  DATA_CHECK_HIT_CATEGORIES,
  DATA_CHECK_HIT_LABELS,
  DISQUALIFYING_HIT_CATEGORIES,
  type DataCheckHit,
  type EligibilityInput,
  WELLBEING_INDICATORS,
  WELLBEING_INDICATOR_LABELS,
  type WellbeingIndicators,
  evaluateEligibility,
  isBelowPovertyLine,
  meetsQualitativeCriteria,
  unmetWellbeingIndicators,
} from './criteria';
import { YIYUAN_2020_RULE, povertyLine } from './poverty-line';

const allSecured: WellbeingIndicators = {
  income: true,
  food: true,
  clothing: true,
  schooling: true,
  medical: true,
  housing: true,
  water: true,
  pension: true,
  employment: true,
};

const household = (overrides: Partial<EligibilityInput>): EligibilityInput => ({
  perCapitaIncome: 7000,
  povertyLine: povertyLine(YIYUAN_2020_RULE),
  indicators: allSecured,
  hardshipCauses: [],
  specialHardshipGroup: false,
  elderlyPoor: false,
  dataCheckHits: [],
  ...overrides,
});

const vehicleHit: DataCheckHit = {
  department: '交警',
  category: 'vehicle',
  detail: '鲁C·12345 轿车，购置价32万元',
};
const chinese = /[\u4e00-\u9fff]/;

describe('isBelowPovertyLine', () => {
  it('is below only strictly under the line, compared to the fen', () => {
    expect(isBelowPovertyLine(6311.99, 6312)).toBe(true);
    expect(isBelowPovertyLine(6312, 6312)).toBe(false);
    expect(isBelowPovertyLine(0.1 + 0.2, 0.3)).toBe(false);
  });
});

describe('qualitative criteria', () => {
  it('counts unmet indicators other than income', () => {
    expect(unmetWellbeingIndicators({ ...allSecured, income: false })).toEqual([]);
    expect(unmetWellbeingIndicators({ ...allSecured, water: false, food: false })).toEqual(['food', 'water']);
  });

  it('is met by temporary hardship from illness, schooling or accident, not by other causes alone', () => {
    const base = { indicators: allSecured, specialHardshipGroup: false, elderlyPoor: false };
    expect(meetsQualitativeCriteria({ ...base, hardshipCauses: ['schooling'] })).toBe(true);
    expect(meetsQualitativeCriteria({ ...base, hardshipCauses: ['lackOfSkills', 'rigidExpense'] })).toBe(
      false,
    );
  });

  it('is met by a special hardship group or a poor member aged 60+', () => {
    const base = { indicators: allSecured, hardshipCauses: [] };
    expect(meetsQualitativeCriteria({ ...base, specialHardshipGroup: true, elderlyPoor: false })).toBe(true);
    expect(meetsQualitativeCriteria({ ...base, specialHardshipGroup: false, elderlyPoor: true })).toBe(true);
  });
});

describe('evaluateEligibility', () => {
  it('enrols a family at 5800 yuan per person against 6312 on the quantitative basis', () => {
    const result = evaluateEligibility(household({ perCapitaIncome: 5800 }));
    expect(result).toMatchObject({ eligible: true, basis: 'quantitative', disqualifiedBy: [] });
    expect(result.reasons[0]).toBe('定量标准：家庭年人均收入5800元，低于相对贫困线6312元');
  });

  it('enrols a family at 7000 yuan whose housing is not secured on the qualitative basis', () => {
    const result = evaluateEligibility(household({ indicators: { ...allSecured, housing: false } }));
    expect(result).toMatchObject({ eligible: true, basis: 'qualitative', disqualifiedBy: [] });
    expect(result.reasons[0]).toContain('定性标准');
    expect(result.reasons[0]).toContain('住房安全有保障');
  });

  it('judges a family exactly at the line by the qualitative criteria', () => {
    expect(evaluateEligibility(household({ perCapitaIncome: 6312, elderlyPoor: true })).basis).toBe(
      'qualitative',
    );
  });

  it('refuses a family above the line that meets no qualitative criterion, saying why in Chinese', () => {
    const result = evaluateEligibility(household({}));
    expect(result).toEqual({
      eligible: false,
      basis: null,
      disqualifiedBy: [],
      reasons: ['家庭年人均收入7000元，不低于相对贫困线6312元，且不符合定性标准'],
    });
  });

  it('is disqualified by a vehicle hit that is not overridden, even at a low income', () => {
    const result = evaluateEligibility(household({ perCapitaIncome: 3000, dataCheckHits: [vehicleHit] }));
    expect(result).toMatchObject({ eligible: false, basis: null, disqualifiedBy: [vehicleHit] });
    expect(result.reasons).toEqual([
      '反向标准：交警比对发现高档乘用车辆（鲁C·12345 轿车，购置价32万元），原则上不得纳入',
    ]);
  });

  it('is not disqualified by an overridden vehicle hit, and records who set it aside', () => {
    const overridden: DataCheckHit = {
      ...vehicleHit,
      overridden: { by: '县相对贫困服务中心 王某', reason: '车辆已于2019年变卖，过户记录已核' },
    };
    const result = evaluateEligibility(household({ perCapitaIncome: 3000, dataCheckHits: [overridden] }));
    expect(result).toMatchObject({ eligible: true, basis: 'quantitative', disqualifiedBy: [] });
    expect(result.reasons[1]).toContain('已由县相对贫困服务中心 王某核实排除');
  });

  it('does not accept an override without a recorded reason', () => {
    const blank: DataCheckHit = { ...vehicleHit, overridden: { by: '王某', reason: '  ' } };
    expect(evaluateEligibility(household({ perCapitaIncome: 3000, dataCheckHits: [blank] })).eligible).toBe(
      false,
    );
  });

  it('lets a business registration through as something to check on the home survey', () => {
    const hit: DataCheckHit = {
      department: '市场监管',
      category: 'businessRegistration',
      detail: '个体工商户',
    };
    const result = evaluateEligibility(household({ perCapitaIncome: 5800, dataCheckHits: [hit] }));
    expect(result).toMatchObject({ eligible: true, basis: 'quantitative' });
    expect(result.reasons[1]).toContain('不属反向标准');
  });

  it('gives every reason in Chinese', () => {
    const cases = [
      household({ perCapitaIncome: 5800 }),
      household({ hardshipCauses: ['illness', 'accident'], specialHardshipGroup: true }),
      household({}),
      household({ dataCheckHits: [{ department: '住建', category: 'commercialHousing', detail: '' }] }),
    ];
    for (const input of cases) {
      const { reasons } = evaluateEligibility(input);
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toMatch(chinese);
    }
  });
});

describe('labels', () => {
  it('labels every indicator and hit category in Chinese', () => {
    for (const i of WELLBEING_INDICATORS) expect(WELLBEING_INDICATOR_LABELS[i]).toMatch(chinese);
    for (const c of DATA_CHECK_HIT_CATEGORIES) expect(DATA_CHECK_HIT_LABELS[c]).toMatch(chinese);
  });

  it('disqualifies on every category but business registration', () => {
    expect([...DISQUALIFYING_HIT_CATEGORIES].sort()).toEqual(
      DATA_CHECK_HIT_CATEGORIES.filter((c) => c !== 'businessRegistration').sort(),
    );
  });
});
