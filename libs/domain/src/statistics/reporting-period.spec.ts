import { parseReportingPeriod, quarterOf } from './reporting-period';

describe('parseReportingPeriod', () => {
  it('bounds a quarter by China-local midnights', () => {
    const q4 = parseReportingPeriod('2026Q4')!;
    expect(q4).toMatchObject({
      kind: 'quarter',
      label: '2026年第四季度',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(q4.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q4.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('bounds a half-year and a whole year', () => {
    expect(parseReportingPeriod('2026H1')).toMatchObject({
      label: '2026年上半年',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(parseReportingPeriod('2026H2')).toMatchObject({
      kind: 'half',
      from: '2026-07-01',
      to: '2026-12-31',
    });
    const year = parseReportingPeriod('2026')!;
    expect(year).toMatchObject({ kind: 'year', label: '2026年全年', from: '2026-01-01', to: '2026-12-31' });
    expect(year.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('ends February on its last day in a leap year', () => {
    expect(parseReportingPeriod('2028Q1')!.to).toBe('2028-03-31');
    expect(parseReportingPeriod('2028Q1')!.end.toISOString()).toBe('2028-03-31T16:00:00.000Z');
  });

  it.each(['2026H3', '2026Q5', '2026Q0', '2026-Q1', '26Q1', '', '2026q1'])('refuses %j', (code) => {
    expect(parseReportingPeriod(code)).toBeUndefined();
  });
});

describe('quarterOf', () => {
  it('reads the quarter in China time', () => {
    // 31 March 16:30 UTC is already 1 April in China.
    expect(quarterOf(new Date('2026-03-31T16:30:00Z'))).toBe('2026Q2');
    expect(quarterOf(new Date('2026-03-31T15:30:00Z'))).toBe('2026Q1');
  });
});
