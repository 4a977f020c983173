// 优亲厚友 signals: a worker and a household member of the same surname. Most Chinese surnames are the
// first character of the name; the compound ones (复姓) below are the first two.

export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '令狐',
  '宇文',
  '夏侯',
  '轩辕',
  '端木',
  '西门',
  '南宫',
  '司徒',
  '司空',
  '澹台',
  '公冶',
  '申屠',
  '太叔',
  '闻人',
  '呼延',
] as const;

const COMPOUND = new Set<string>(COMPOUND_SURNAMES);

/** The surname of a Chinese name written in full (`欧阳娜娜` → `欧阳`, `王建国` → `王`); '' for a blank name. */
export function surnameOf(name: string): string {
  const chars = [...name.trim()];
  const two = chars.slice(0, 2).join('');
  return chars.length > 2 && COMPOUND.has(two) ? two : (chars[0] ?? '');
}
