import { surnameOf } from './surname';

describe('surnameOf', () => {
  it('takes the first character of an ordinary name', () => {
    expect(surnameOf('王建国')).toBe('王');
    expect(surnameOf(' 李娜 ')).toBe('李');
  });

  it('takes both characters of a compound surname, unless the name is only those two', () => {
    expect(surnameOf('欧阳娜娜')).toBe('欧阳');
    expect(surnameOf('司马光')).toBe('司马');
    // 司马 alone is an ordinary surname 司 with the given name 马.
    expect(surnameOf('司马')).toBe('司');
  });

  it('is empty for a blank name', () => {
    expect(surnameOf('  ')).toBe('');
  });
});
