import { measureSummary, meetingSummary, planSummary, reviewSummary } from './ledger-summary';

describe('ledger summaries', () => {
  it('describe a plan by its 1 and its N', () => {
    expect(
      planSummary(1, {
        safetyNet: [
          { type: 'minimumLivingAllowance' },
          { type: 'povertyInsurance', covers: ['illness', 'income'] },
        ],
        sectorMeasures: [{ sector: 'employment', department: 'humanResources' }],
        gradualExitMonths: 24,
      }),
    ).toBe('帮扶计划第1版；1：低保、防贫保险（因病、因收入骤减）；N：就业帮扶（人社局）；渐退期24个月');
    expect(planSummary(2, { safetyNet: [], sectorMeasures: [] })).toBe('帮扶计划第2版；1：无；N：无');
  });

  it('describe a measure, a review and an exit meeting', () => {
    expect(measureSummary('医疗帮扶', 'medicalInsurance', 'effective', '报销到位')).toBe(
      '医疗帮扶（医保局）已落实，跟踪问效：见效，报销到位',
    );
    expect(reviewSummary(2, 'continue', '病人仍在治疗')).toBe(
      '第2次核查：继续帮扶（满一年继续帮扶理由：病人仍在治疗）',
    );
    expect(reviewSummary(1, 'proposeExit')).toBe('第1次核查：提议退出');
    expect(meetingSummary({ heldOn: '2027-05-20', attendees: 25, votesFor: 21 })).toBe(
      '2027-05-20 村民代表会到会25人，21人同意退出',
    );
  });
});
