import { complianceRate } from './sla-compliance';

describe('complianceRate', () => {
  it('is the share closed on time, to one decimal', () => {
    expect(complianceRate(2, 3)).toBe(66.7);
    expect(complianceRate(5, 5)).toBe(100);
  });

  it('is null when nothing was closed', () => {
    expect(complianceRate(0, 0)).toBeNull();
  });
});
