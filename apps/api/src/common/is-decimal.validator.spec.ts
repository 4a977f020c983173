import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsDecimal, hasAtMostDecimalPlaces } from './is-decimal.validator';

describe('hasAtMostDecimalPlaces', () => {
  it('accepts whole numbers and amounts to the fen', () => {
    for (const value of [0, 12000, 8.6, 0.01, 9_999_999.99, -3.5, 1e21]) {
      expect(hasAtMostDecimalPlaces(value, 2)).toBe(true);
    }
  });

  it('refuses more places, tiny numbers in exponent notation, non-finite numbers and non-numbers', () => {
    for (const value of [0.001, 1e-308, 5e-324, 0.1 + 0.2, NaN, Infinity, '12', null]) {
      expect(hasAtMostDecimalPlaces(value, 2)).toBe(false);
    }
    expect(hasAtMostDecimalPlaces(0.000001, 6)).toBe(true);
    expect(hasAtMostDecimalPlaces(1e-7, 6)).toBe(false);
  });
});

describe('IsDecimal', () => {
  class Income {
    @IsDecimal(2, { message: '应为金额（元），至多两位小数' })
    amount!: number;
  }

  it('answers with its message rather than throwing on 1e-308', async () => {
    const errors = await validate(plainToInstance(Income, { amount: 1e-308 }));
    expect(errors.map((e) => e.constraints)).toEqual([{ isDecimal: '应为金额（元），至多两位小数' }]);
    expect(await validate(plainToInstance(Income, { amount: 12.5 }))).toEqual([]);
  });
});
