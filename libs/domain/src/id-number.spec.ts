import { idNumberCheckChar, idNumberProblem, maskIdNumber } from './id-number';

describe('id numbers', () => {
  it('accepts the standard example from GB 11643-1999', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
  });

  it('computes the check character from the first 17 digits', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('37032319800101001')).toBe('8');
  });

  it('rejects a wrong check character', () => {
    expect(idNumberProblem('110105194912310021')).toBe('校验码不正确');
  });

  it('rejects an impossible birth date', () => {
    const first17 = '37032319800231001';
    expect(idNumberProblem(first17 + idNumberCheckChar(first17))).toBe('出生日期无效');
  });

  it('rejects wrong length, letters and a lower-case x', () => {
    expect(idNumberProblem('1234')).toMatch(/18位/);
    expect(idNumberProblem('11010519491231002x')).toMatch(/18位/);
    expect(idNumberProblem('A1010519491231002X')).toMatch(/18位/);
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
