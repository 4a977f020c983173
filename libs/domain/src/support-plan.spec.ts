import { surveyedPerCapitaIncome } from './support-plan';

describe('surveyed income', () => {
  it('sums every kind of every member and divides by the members, to the fen', () => {
    const incomes = [
      { idNumber: 'a', wages: 12000, business: 3000.5, property: 0, transfer: 1200 },
      { idNumber: 'b', wages: 0, business: 0, property: 0, transfer: 2000 },
      { idNumber: 'c', wages: 0, business: 0, property: 0, transfer: 0 },
    ];
    expect(surveyedPerCapitaIncome(incomes)).toBe(6066.83);
    expect(surveyedPerCapitaIncome([])).toBe(0);
  });
});
