import { TASK_KINDS, type TaskKind, WELLBEING_INDICATORS } from '@libs/domain';
import { AppException } from '../../common/app.exception';
import { FORM_DTOS, requireReason, validateTaskForm } from './task-forms';

const HEAD = '370323197803150018';
const SPOUSE = '370323198002120024';
const ATTACHMENT = '0b8e2d1c-5f43-4c1e-9d2a-6a7b8c9d0e1f';

const indicators = Object.fromEntries(WELLBEING_INDICATORS.map((indicator) => [indicator, true]));
const incomes = [
  { idNumber: HEAD, wages: 12000, business: 0, property: 0, transfer: 1500.5 },
  { idNumber: SPOUSE, wages: 0, business: 3000, property: 0, transfer: 0 },
];
const meeting = {
  heldOn: '2025-03-01',
  attendees: 25,
  votesFor: 23,
  votesAgainst: 2,
  minutes: '全体村民代表评议',
};

/** A valid form for each kind, as a caseworker, officer or department would submit it on approval. */
const VALID_FORMS: Record<TaskKind, Record<string, unknown>> = {
  intake: { dataConsent: { signed: true, signedAt: '2025-02-01' }, povertyCauses: ['illness'] },
  dataCheckAnswer: {
    hits: [
      { category: 'vehicle', idNumber: HEAD, detail: '名下小型轿车一辆' },
      { category: 'largeDeposits', detail: '' },
    ],
  },
  hitReview: { attachmentIds: [ATTACHMENT] },
  homeSurvey: {
    surveyedOn: '2025-02-20',
    incomes,
    indicators,
    povertyCauses: ['illness', 'lackOfLabour'],
    specialHardshipGroup: false,
    elderlyPoor: true,
    attachmentIds: [ATTACHMENT],
    notes: '入户核实收入',
  },
  democraticAppraisal: meeting,
  publicNotice: { startsOn: '2025-03-02', place: '村务公开栏' },
  objectionInvestigation: { findings: '经走访核实，异议所称车辆已于去年转让', attachmentIds: [] },
  townshipReview: { opinion: '同意' },
  recognition: {},
  supportPlan: {
    safetyNet: [
      { type: 'minimumLivingAllowance', department: 'civilAffairs', monthlyAmount: 520 },
      { type: 'povertyInsurance', department: 'finance', covers: ['illness', 'accident'] },
    ],
    sectorMeasures: [{ sector: 'employment', department: 'humanResources', description: '推荐到物流园务工' }],
    gradualExitMonths: 12,
    individualCoverage: [{ idNumber: SPOUSE, reason: 'seriousIllness' }],
  },
  measureAcceptance: { note: '已接收' },
  measureImplementation: { implementedOn: '2025-04-01', report: '已按月发放低保金', amount: 520 },
  measureFollowUp: { result: 'effective', note: '家庭收入已稳定' },
  temporaryAssistance: { amount: 3000, paidOn: '2025-04-02', note: '因病临时救助' },
  periodicReview: { incomes, indicators, outcome: 'continue', justification: '仍在治疗期，收入未恢复' },
  villageRepresentativeMeeting: meeting,
};

/** The error validateTaskForm throws, with its code, status, message and field errors. */
async function refusal(kind: TaskKind, form: unknown, decision: 'approve' | 'reject' | 'return' = 'approve') {
  try {
    await validateTaskForm(kind, decision, form as Record<string, unknown> | undefined);
  } catch (error) {
    if (error instanceof AppException) return error;
    throw error;
  }
  throw new Error(`${kind}: the form was accepted`);
}

const fields = (error: AppException) => error.details?.errors as { field: string; message: string }[];

describe('validateTaskForm', () => {
  it.each(TASK_KINDS)('accepts a valid %s form and returns it as plain JSON', async (kind) => {
    const form = await validateTaskForm(kind, 'approve', VALID_FORMS[kind]);
    expect(form).toEqual(VALID_FORMS[kind]);
    expect(Object.getPrototypeOf(form)).toBe(Object.prototype);
  });

  it('has a form class for every task kind', () => {
    expect(Object.keys(FORM_DTOS).sort()).toEqual([...TASK_KINDS].sort());
  });

  it('refuses a decision the step does not allow, naming the ones it does', async () => {
    const error = await refusal('publicNotice', VALID_FORMS.publicNotice, 'return');
    expect(error).toMatchObject({ code: 'DECISION_NOT_ALLOWED', status: 400 });
    expect(error.message).toBe('「村内公示」不能「退回」（return）；可选的办理结果：approve（张贴公示）');
    expect(fields(error)).toEqual([{ field: 'decision', message: '可选：approve（张贴公示）' }]);
  });

  it('requires the form on approval of a step that records something', async () => {
    const error = await refusal('homeSurvey', undefined);
    expect(error).toMatchObject({
      code: 'FORM_INVALID',
      status: 400,
      message: '办理「入户调查」须提交表单（form）',
    });
    expect(fields(error)).toEqual([{ field: 'form', message: '必填' }]);
  });

  it('lets optional forms and the forms of a rejection or return be absent', async () => {
    for (const kind of ['hitReview', 'townshipReview', 'recognition', 'measureAcceptance'] as const) {
      await expect(validateTaskForm(kind, 'approve', undefined)).resolves.toBeUndefined();
    }
    await expect(validateTaskForm('homeSurvey', 'reject', undefined)).resolves.toBeUndefined();
    await expect(validateTaskForm('townshipReview', 'return', undefined)).resolves.toBeUndefined();
  });

  it('validates a form given with a rejection', async () => {
    const error = await refusal('homeSurvey', { surveyedOn: '2025-02-20' }, 'reject');
    expect(fields(error).map((e) => e.field)).toEqual([
      'form.incomes',
      'form.indicators',
      'form.povertyCauses',
    ]);
  });

  it('refuses unknown fields, also inside nested items', async () => {
    const error = await refusal('publicNotice', { ...VALID_FORMS.publicNotice, postedBy: '张三' });
    expect(fields(error)).toEqual([{ field: 'form.postedBy', message: '不允许的字段' }]);
    const nested = await refusal('homeSurvey', {
      ...VALID_FORMS.homeSurvey,
      incomes: [{ ...incomes[0], pension: 100 }, incomes[1]],
    });
    expect(fields(nested)).toEqual([{ field: 'form.incomes[0].pension', message: '不允许的字段' }]);
  });

  it('words each problem in Chinese with the field path under form', async () => {
    const error = await refusal('democraticAppraisal', {
      ...meeting,
      heldOn: '2025-02-30',
      attendees: 2.5,
      minutes: 7,
    });
    expect(error.code).toBe('FORM_INVALID');
    expect(fields(error)).toEqual([
      { field: 'form.heldOn', message: '应为 YYYY-MM-DD 格式的日期' },
      { field: 'form.attendees', message: '应为整数' },
      { field: 'form.minutes', message: '应为字符串' },
    ]);
    expect(error.message).toBe(
      '表单有误：form.heldOn 应为 YYYY-MM-DD 格式的日期；form.attendees 应为整数；form.minutes 应为字符串',
    );
  });

  it('refuses a date in the future', async () => {
    const error = await refusal('temporaryAssistance', {
      ...VALID_FORMS.temporaryAssistance,
      paidOn: '2999-01-01',
    });
    expect(fields(error)).toEqual([{ field: 'form.paidOn', message: '不能晚于今天' }]);
  });

  it('refuses votes beyond the attendance, and an approval without a majority', async () => {
    const over = await refusal('democraticAppraisal', { ...meeting, votesFor: 20, votesAgainst: 6 });
    expect(fields(over)).toEqual([
      { field: 'form.votesFor', message: '同意票与反对票合计 26 票，超过出席人数 25 人' },
    ]);
    const half = { ...meeting, attendees: 20, votesFor: 10, votesAgainst: 10 };
    const error = await refusal('villageRepresentativeMeeting', half);
    expect(fields(error)).toEqual([
      { field: 'form.votesFor', message: '同意票须超过出席人数的一半才能通过：出席 20 人，同意 10 票' },
    ]);
    await expect(validateTaskForm('villageRepresentativeMeeting', 'reject', half)).resolves.toEqual(half);
    const none = await refusal('democraticAppraisal', {
      ...meeting,
      attendees: 0,
      votesFor: 0,
      votesAgainst: 0,
    });
    expect(fields(none)).toEqual([{ field: 'form.attendees', message: '至少 1 人' }]);
  });

  it('checks incomes as amounts and the nine indicators exactly', async () => {
    const twice = await refusal('periodicReview', {
      ...VALID_FORMS.periodicReview,
      incomes: [...incomes, incomes[1]],
    });
    expect(fields(twice)).toEqual([{ field: 'form.incomes', message: '同一成员只能填写一次' }]);
    const amounts = await refusal('periodicReview', {
      ...VALID_FORMS.periodicReview,
      incomes: [
        { ...incomes[0], wages: 100.123 },
        { ...incomes[1], transfer: -1, business: 10_000_001 },
      ],
    });
    expect(fields(amounts)).toEqual([
      { field: 'form.incomes[0].wages', message: '应为金额（元），至多两位小数' },
      { field: 'form.incomes[1].business', message: '不能超过 10000000 元' },
      { field: 'form.incomes[1].transfer', message: '不能为负数' },
    ]);
    const indicatorErrors = await refusal('homeSurvey', {
      ...VALID_FORMS.homeSurvey,
      indicators: { ...indicators, water: 'yes', pension: undefined, happiness: true },
    });
    expect(fields(indicatorErrors)).toEqual([
      { field: 'form.indicators.happiness', message: '不允许的字段' },
      { field: 'form.indicators.water', message: '应为布尔值 true/false' },
      { field: 'form.indicators.pension', message: '必填' },
    ]);
  });

  it('checks ID numbers and categories of data-check hits', async () => {
    const error = await refusal('dataCheckAnswer', {
      hits: [
        { category: 'yacht', detail: '' },
        { category: 'vehicle', idNumber: '370323197803150019', detail: 'x' },
      ],
    });
    expect(fields(error)).toEqual([
      { field: 'form.hits[0].category', message: '取值不在允许范围内' },
      { field: 'form.hits[1].idNumber', message: '身份证号码无效：校验码不正确' },
    ]);
    await expect(validateTaskForm('dataCheckAnswer', 'approve', { hits: [] })).resolves.toEqual({ hits: [] });
  });

  it('checks the support plan: an item at all, covers for 防贫保险 only, known departments', async () => {
    const empty = await refusal('supportPlan', { safetyNet: [], sectorMeasures: [] });
    expect(fields(empty)).toEqual([
      { field: 'form', message: '帮扶计划至少须有一项兜底保障（safetyNet）或行业帮扶措施（sectorMeasures）' },
    ]);
    const covers = await refusal('supportPlan', {
      safetyNet: [
        { type: 'povertyInsurance', department: 'finance' },
        { type: 'minimumLivingAllowance', department: 'civilAffairs', covers: ['illness'] },
      ],
      sectorMeasures: [],
    });
    expect(fields(covers)).toEqual([
      { field: 'form.safetyNet[0].covers', message: '防贫保险须选择至少一项保障类型' },
      { field: 'form.safetyNet[1].covers', message: '仅防贫保险填写保障类型' },
    ]);
    const items = await refusal('supportPlan', {
      safetyNet: [{ type: 'temporaryAssistance', department: 'tourism' }],
      sectorMeasures: [{ sector: 'housing', department: 'housing', description: '修' }],
      gradualExitMonths: 25,
      individualCoverage: [{ idNumber: HEAD, reason: 'poverty' }],
    });
    expect(fields(items)).toEqual([
      { field: 'form.safetyNet[0].department', message: '取值不在允许范围内' },
      { field: 'form.sectorMeasures[0].description', message: '至少 2 个字' },
      { field: 'form.gradualExitMonths', message: '不能超过 24 个月' },
      { field: 'form.individualCoverage[0].reason', message: '取值不在允许范围内' },
    ]);
  });

  it('lets a review name where a return goes, only on a return and only to an earlier step', async () => {
    await expect(
      validateTaskForm('townshipReview', 'return', { returnTo: 'homeSurvey', opinion: '收入核算有误' }),
    ).resolves.toEqual({ returnTo: 'homeSurvey', opinion: '收入核算有误' });
    const later = await refusal('townshipReview', { returnTo: 'townshipReview' }, 'return');
    expect(fields(later)).toEqual([
      { field: 'form.returnTo', message: '只能退回到本步骤之前的步骤：入户调查、民主评议' },
    ]);
    const unknown = await refusal('recognition', { returnTo: 'intake' }, 'return');
    expect(fields(unknown)).toEqual([{ field: 'form.returnTo', message: '取值不在允许范围内' }]);
    const onApproval = await refusal('recognition', { returnTo: 'homeSurvey' });
    expect(fields(onApproval)).toEqual([{ field: 'form.returnTo', message: '仅退回时填写' }]);
  });

  it('limits free text and attachment ids', async () => {
    const error = await refusal('objectionInvestigation', {
      findings: '查'.repeat(5001),
      attachmentIds: ['not-a-uuid'],
    });
    expect(fields(error)).toEqual([
      { field: 'form.findings', message: '不能超过 5000 个字' },
      { field: 'form.attachmentIds', message: '应为附件 ID（UUID）' },
    ]);
  });

  it('refuses a consent that was not signed and a form that is not an object', async () => {
    const error = await refusal('intake', {
      dataConsent: { signed: false, signedAt: '2025-02-01' },
      povertyCauses: [],
    });
    expect(fields(error)).toEqual([
      { field: 'form.dataConsent.signed', message: '须签署授权承诺书后才能受理' },
      { field: 'form.povertyCauses', message: '至少选择一项' },
    ]);
    const notObject = await refusal('intake', { dataConsent: '已签', povertyCauses: ['illness'] });
    expect(fields(notObject)).toEqual([{ field: 'form.dataConsent', message: '应为对象' }]);
  });
});

describe('requireReason', () => {
  it('needs a reason to reject or return', () => {
    expect(() => requireReason('townshipReview', 'return', undefined)).toThrow(
      '退回或不予通过时须填写理由（reason）',
    );
    expect(() => requireReason('townshipReview', 'approve', undefined)).not.toThrow();
  });

  it('needs a justification of at least five characters to override data-check hits', () => {
    expect(() => requireReason('hitReview', 'approve', '已核实')).toThrow(
      '核实排除比对命中须说明理由（reason，至少 5 个字）',
    );
    expect(() => requireReason('hitReview', 'approve', '车辆已于去年过户他人')).not.toThrow();
  });
});
