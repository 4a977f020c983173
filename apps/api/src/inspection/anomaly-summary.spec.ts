import { describeAnomaly } from './anomaly-summary';

describe('describeAnomaly', () => {
  it('says who decided what for a worker related to the household', () => {
    expect(
      describeAnomaly('relativeDecided', {
        relative: { name: '钱来顺', relation: 'sibling', idNumber: '370323********0776' },
        decisions: [
          {
            taskId: 'c:homeSurvey:1',
            taskKind: 'homeSurvey',
            decision: 'approve',
            decidedAt: '2026-03-02T02:00:00Z',
          },
        ],
      }),
    ).toBe('经办人申报的亲属钱来顺（兄弟姐妹）是该户成员；经办：入户调查（通过，2026-03-02）');
  });

  it('gives an overdue task its working days late and its escalation', () => {
    expect(
      describeAnomaly(
        'overdueTask',
        {
          taskKind: 'townshipReview',
          dueAt: '2026-03-01T16:00:00Z',
          escalationLevel: 2,
          taskJurisdiction: { id: '370323104', name: '东里镇' },
        },
        7,
      ),
    ).toBe('镇(街道)审核（东里镇）2026-03-02 到期，已超期 7 个工作日未办，已2级督办');
  });

  it('writes incomes as 收入…元, which every export masks', () => {
    const text = describeAnomaly('incomeBelowReview', {
      survey: { taskId: 's', decidedAt: '2026-01-05T02:00:00Z', perCapitaIncome: 4000 },
      review: { taskId: 'r', decidedAt: '2026-07-05T02:00:00Z', decidedBy: 'u', perCapitaIncome: 9000 },
      ratio: 2.25,
      threshold: 1.5,
    });
    expect(text).toBe(
      '入户调查人均收入4000元，2026-07-05半年核查人均收入9000元，为调查的 2.25 倍（阈值 1.5 倍）',
    );
  });
});
