import { MAX_GRADUAL_EXIT_MONTHS, gradualExitMonths, qualifiesForIndividualCoverage } from './gradual-exit';

const standard = 6000;

describe('gradualExitMonths', () => {
  it('allows none at exactly the standard: the household still qualifies for 低保', () => {
    expect(gradualExitMonths(6000, standard)).toBe(0);
    expect(gradualExitMonths(4500, standard)).toBe(0);
  });

  it('allows up to two years just above the standard', () => {
    expect(MAX_GRADUAL_EXIT_MONTHS).toBe(24);
    expect(gradualExitMonths(6000.01, standard)).toBe(24);
  });

  it('still allows it at exactly twice the standard ("在2倍以内")', () => {
    expect(gradualExitMonths(12000, standard)).toBe(24);
  });

  it('allows none above twice the standard', () => {
    expect(gradualExitMonths(12000.01, standard)).toBe(0);
  });

  it('takes a jurisdiction’s shorter maximum', () => {
    expect(gradualExitMonths(8000, standard, 12)).toBe(12);
  });

  it('compares in fen, so float noise does not move a boundary', () => {
    expect(gradualExitMonths(0.1 + 0.2, 0.3)).toBe(0);
    expect(gradualExitMonths(0.6, 0.3)).toBe(24);
  });

  it('refuses a missing standard or a fractional maximum', () => {
    expect(() => gradualExitMonths(100, 0)).toThrow(RangeError);
    expect(() => gradualExitMonths(8000, standard, 1.5)).toThrow(RangeError);
  });
});

describe('qualifiesForIndividualCoverage', () => {
  const severelyDisabled = { severeDisability: true, seriousIllness: false };
  const seriouslyIll = { severeDisability: false, seriousIllness: true };
  const healthy = { severeDisability: false, seriousIllness: false };

  it('covers a severely disabled or seriously ill member of a household under twice the standard', () => {
    expect(
      qualifiesForIndividualCoverage({
        perCapitaIncome: 11999.99,
        minimumLivingStandard: standard,
        member: severelyDisabled,
      }),
    ).toBe(true);
    expect(
      qualifiesForIndividualCoverage({
        perCapitaIncome: 7000,
        minimumLivingStandard: standard,
        member: seriouslyIll,
      }),
    ).toBe(true);
  });

  it('does not cover at or above twice the standard ("低于2倍")', () => {
    expect(
      qualifiesForIndividualCoverage({
        perCapitaIncome: 12000,
        minimumLivingStandard: standard,
        member: seriouslyIll,
      }),
    ).toBe(false);
  });

  it('does not cover a member who is neither severely disabled nor seriously ill', () => {
    expect(
      qualifiesForIndividualCoverage({
        perCapitaIncome: 7000,
        minimumLivingStandard: standard,
        member: healthy,
      }),
    ).toBe(false);
  });
});
