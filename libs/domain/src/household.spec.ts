import { perCapitaIncome } from './household';

describe('perCapitaIncome', () => {
  it('divides the household income by its members, to the fen', () => {
    expect(perCapitaIncome([12000, 11200, 0, 0])).toBe(5800);
    expect(perCapitaIncome([100, 0, 0])).toBe(33.33);
  });

  it('refuses an empty household', () => {
    expect(() => perCapitaIncome([])).toThrow();
  });
});
