import {
  DEFAULT_POVERTY_LINE_RATIO,
  type PovertyLineRule,
  YIYUAN_2020_RULE,
  findPovertyLineRule,
  povertyLine,
} from './poverty-line';

const rule = (overrides: Partial<PovertyLineRule>): PovertyLineRule => ({
  jurisdictionId: 'county',
  year: 2021,
  area: 'rural',
  basis: 'median',
  baseIncome: 20000,
  ratio: DEFAULT_POVERTY_LINE_RATIO,
  ...overrides,
});

describe('povertyLine', () => {
  it('gives Yiyuan 6312 yuan for 2020: 19128 × 33% = 6312.24, rounded to the yuan', () => {
    expect(povertyLine(YIYUAN_2020_RULE)).toBe(6312);
  });

  it('takes 40% of the median by default', () => {
    expect(povertyLine(rule({ baseIncome: 14274 }))).toBe(5710); // 5709.6
  });

  it('rounds half a yuan up and stays exact where floats drift', () => {
    expect(povertyLine(rule({ baseIncome: 10001.25, ratio: 0.4 }))).toBe(4001); // exactly 4000.5
    expect(povertyLine(rule({ baseIncome: 2450, ratio: 0.41 }))).toBe(1005); // 2450 * 0.41 = 1004.4999999999999 in floats
  });

  it('refuses a negative income or a ratio outside (0, 1]', () => {
    expect(() => povertyLine(rule({ baseIncome: -1 }))).toThrow(RangeError);
    expect(() => povertyLine(rule({ ratio: 0 }))).toThrow(RangeError);
    expect(() => povertyLine(rule({ ratio: 40 }))).toThrow(RangeError);
  });
});

describe('findPovertyLineRule', () => {
  const path = ['370323', 'township-1', 'village-7'];
  const county = rule({ jurisdictionId: '370323', ratio: 0.33 });
  const township = rule({ jurisdictionId: 'township-1', ratio: 0.35 });
  const village = rule({ jurisdictionId: 'village-7', ratio: 0.4 });
  const countyUrban = rule({ jurisdictionId: '370323', area: 'urban', ratio: 0.45 });

  it('prefers the village rule to the township and county rules', () => {
    expect(findPovertyLineRule([county, township, village], path, 2021, 'rural')).toBe(village);
  });

  it("falls back to the township's rule, then the county's", () => {
    expect(findPovertyLineRule([county, township], path, 2021, 'rural')).toBe(township);
    expect(findPovertyLineRule([county], path, 2021, 'rural')).toBe(county);
  });

  it('ignores rules of another year, another area or another branch of the county', () => {
    const otherYear = rule({ jurisdictionId: 'village-7', year: 2020 });
    const otherVillage = rule({ jurisdictionId: 'village-8' });
    expect(findPovertyLineRule([otherYear, otherVillage, county, countyUrban], path, 2021, 'rural')).toBe(
      county,
    );
    expect(findPovertyLineRule([county, countyUrban], path, 2021, 'urban')).toBe(countyUrban);
  });

  it('finds nothing when no jurisdiction on the path has a rule', () => {
    expect(findPovertyLineRule([county], path, 2022, 'rural')).toBeUndefined();
    expect(findPovertyLineRule([], path, 2021, 'rural')).toBeUndefined();
  });
});
