import {
  DEFAULT_LIFECYCLE_POLICY,
  addDuration,
  departmentEndpointProblem,
  lifecyclePolicyProblems,
  parseDuration,
} from './lifecycle-policy';

describe('lifecycle policy durations', () => {
  it('reads ISO 8601 durations of whole units and refuses the rest', () => {
    expect(parseDuration('P7D')).toMatchObject({ days: 7, months: 0 });
    expect(parseDuration('P1Y6M')).toMatchObject({ years: 1, months: 6 });
    expect(parseDuration('PT5S')).toMatchObject({ seconds: 5 });
    for (const bad of ['7D', 'P', 'PT', 'P0D', 'P1.5D', 'P-1D', ''])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('adds months by the calendar and days as 24 hours', () => {
    const start = new Date('2026-01-31T02:00:00Z');
    expect(addDuration(start, 'P1M').toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(addDuration(start, 'P6M').toISOString()).toBe('2026-07-31T02:00:00.000Z');
    expect(addDuration(start, 'P1Y').toISOString()).toBe('2027-01-31T02:00:00.000Z');
    expect(addDuration(start, 'P7D').toISOString()).toBe('2026-02-07T02:00:00.000Z');
    expect(addDuration(start, 'PT90S').toISOString()).toBe('2026-01-31T02:01:30.000Z');
  });

  it('names what is wrong with a policy', () => {
    expect(lifecyclePolicyProblems(DEFAULT_LIFECYCLE_POLICY)).toEqual([]);
    const problems = lifecyclePolicyProblems({
      ...DEFAULT_LIFECYCLE_POLICY,
      publicNotice: '7 days',
      dataCheckDepartments: [
        { department: 'housing', connector: 'http' },
        { department: 'housing', connector: 'inbox' },
      ],
    });
    expect(problems).toEqual([
      'publicNotice 应为 ISO 8601 时长，如 P7D、P6M、P1Y',
      'dataCheckDepartments[0].endpoint 接口方式须填写部门接口地址',
      'dataCheckDepartments[1].department 重复：housing',
    ]);
  });

  it('wants a whole number of working days (or hours) for every kind of task, and known kinds only', () => {
    const problems = lifecyclePolicyProblems({
      ...DEFAULT_LIFECYCLE_POLICY,
      taskSlaWorkingDays: {
        ...DEFAULT_LIFECYCLE_POLICY.taskSlaWorkingDays,
        homeSurvey: 0,
        survey: 3,
      } as never,
      urgentTaskSlaHours: { ...DEFAULT_LIFECYCLE_POLICY.urgentTaskSlaHours, recognition: 1.5 },
    });
    expect(problems).toEqual([
      'taskSlaWorkingDays.homeSurvey 应为 1–60 的整数（个工作日）',
      'taskSlaWorkingDays.survey 不是任务类型',
      'urgentTaskSlaHours.recognition 应为 1–720 的整数（小时）',
    ]);
  });
});

describe('department endpoints', () => {
  it('outside development must be https and name no internal address, however it is written', () => {
    for (const internal of [
      'https://127.0.0.1/',
      'https://0x7f.1/',
      'https://2130706433/',
      'https://localhost./',
      'https://api.localhost/',
      'https://10.0.0.1/',
      'https://172.31.255.255/',
      'https://192.168.0.1/',
      'https://169.254.169.254/',
      'https://0.0.0.0/',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[fc00::1]/',
      'https://[fe80::1]/',
      'https://metadata.google.internal/',
    ])
      expect([internal, departmentEndpointProblem(internal, 'production')]).toEqual([
        internal,
        expect.stringContaining('不得指向'),
      ]);
    expect(departmentEndpointProblem('http://zjj.example.gov.cn/', 'production')).toContain('https://');
    expect(departmentEndpointProblem('https://user:pw@zjj.example.gov.cn/', 'production')).toContain('密码');
    for (const outside of [
      'https://zjj.example.gov.cn/check',
      'https://172.32.0.1/',
      'https://[2001:db8::1]/',
    ])
      expect(departmentEndpointProblem(outside, 'production')).toBeUndefined();
  });

  it('in development and test lets the specs use loopback http servers', () => {
    expect(departmentEndpointProblem('http://127.0.0.1:3456/check', 'test')).toBeUndefined();
    expect(departmentEndpointProblem('http://localhost/check', 'development')).toBeUndefined();
    expect(departmentEndpointProblem('ftp://zjj/check', 'test')).toBeDefined();
  });
});
