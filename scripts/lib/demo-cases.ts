// The demo county's cases on first start, entered and moved on through the API as the people of the county
// would: so that every role finds work and every screen something to show. Three applications wait for the
// departments' data check (scenario 1's start); others stand at the home survey, at the public notice (two
// households in 东里东村, for the printed sheet), at 东里镇's review, at the county's support plan and in
// support with measures at the departments; one went on after the centre overrode a vehicle hit
// (scenario 2), so the override report has an entry. Those past the notice were entered while the admin had
// the notice shortened to seconds (a case reads its policy when it starts), and the policy is put back.

import { idNumberCheckChar } from '@libs/domain';
import { DEMO_APPLICATIONS, DEMO_PASSWORD } from './demo-county';

const COUNTY = '370323';
const CHINA_TODAY = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Where a demo household's case is left standing. */
type Target = 'homeSurvey' | 'publicNotice' | 'townshipReview' | 'supportPlan' | 'inSupport';

interface DemoHousehold {
  caseworker: string;
  villageId: string;
  address: string;
  members: { name: string; born: string; relation: string; annualIncome: number }[];
  povertyCauses: string[];
  target: Target;
  /** 车管 reports a car; the centre overrides the hit with its reason. */
  overriddenVehicleHit?: boolean;
}

const DEPARTMENT_OFFICERS: Record<string, string> = {
  civilAffairs: 'dept_civil',
  housing: 'dept_housing',
  vehicles: 'dept_vehicle',
  humanResources: 'dept_hr',
  medicalInsurance: 'dept_medical',
  marketRegulation: 'dept_market',
};

const HOUSEHOLDS: DemoHousehold[] = [
  {
    caseworker: 'cw_dongli_east',
    villageId: '370323104201',
    address: '东里镇东里东村2组5号',
    members: [
      { name: '孙玉梅', born: '19620314', relation: 'head', annualIncome: 4200 },
      { name: '孙小东', born: '20070922', relation: 'child', annualIncome: 0 },
    ],
    povertyCauses: ['lackOfLabour'],
    target: 'homeSurvey',
  },
  {
    caseworker: 'cw_dongli_east',
    villageId: '370323104201',
    address: '东里镇东里东村1组12号',
    members: [
      { name: '李德福', born: '19580607', relation: 'head', annualIncome: 5000 },
      { name: '张翠英', born: '19600211', relation: 'spouse', annualIncome: 1800 },
    ],
    povertyCauses: ['illness'],
    target: 'publicNotice',
  },
  {
    caseworker: 'cw_dongli_east',
    villageId: '370323104201',
    address: '东里镇东里东村4组8号',
    members: [
      { name: '陈秀英', born: '19700419', relation: 'head', annualIncome: 6000 },
      { name: '陈志强', born: '20050101', relation: 'child', annualIncome: 2000 },
      { name: '陈志红', born: '20100815', relation: 'child', annualIncome: 0 },
    ],
    povertyCauses: ['schooling'],
    target: 'publicNotice',
    overriddenVehicleHit: true,
  },
  {
    caseworker: 'cw_dongli_west',
    villageId: '370323104202',
    address: '东里镇东里西村3组6号',
    members: [
      { name: '马保国', born: '19550823', relation: 'head', annualIncome: 3000 },
      { name: '马王氏', born: '19570105', relation: 'spouse', annualIncome: 1200 },
    ],
    povertyCauses: ['lackOfLabour', 'illness'],
    target: 'townshipReview',
  },
  {
    caseworker: 'cw_dongli_west',
    villageId: '370323104202',
    address: '东里镇东里西村1组20号',
    members: [
      { name: '刘淑芬', born: '19680730', relation: 'head', annualIncome: 5200 },
      { name: '高建军', born: '19660302', relation: 'spouse', annualIncome: 3400 },
      { name: '高小雪', born: '20091111', relation: 'child', annualIncome: 0 },
    ],
    povertyCauses: ['disability'],
    target: 'supportPlan',
  },
  {
    caseworker: 'cw_yuezhuang',
    villageId: '370323105201',
    address: '悦庄镇悦庄村6组3号',
    members: [
      { name: '赵福生', born: '19520918', relation: 'head', annualIncome: 2600 },
      { name: '钱桂香', born: '19541203', relation: 'spouse', annualIncome: 1500 },
    ],
    povertyCauses: ['lackOfLabour'],
    target: 'inSupport',
  },
];

/** The targets that need the notice over: their cases start while the notice is shortened. */
const PAST_NOTICE: readonly Target[] = ['townshipReview', 'supportPlan', 'inSupport'];

// A fixed ID number per member: the demo is the same on every first start.
const idNumber = (member: { born: string }, index: number, household: number) => {
  const first17 = `${COUNTY}${member.born}${String(100 + household * 10 + index).slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
};

class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(username: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(username)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as T & { message?: string };
    if (!response.ok) throw new Error(`演示数据 ${method} ${path}（${username}）失败: ${answer.message}`);
    return answer;
  }

  /** The open task of `kind` in the case (its data check's and measures' too), once it is open. */
  async openTask(caseId: string, kind: string): Promise<{ id: string; department: string | null }> {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const view = await this.call<{
        tasks: { id: string; kind: string; status: string; department: string | null }[];
      }>('co_county', 'GET', `/cases/${caseId}`);
      const task = view.tasks.find((t) => t.kind === kind && t.status === 'open');
      if (task) return task;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`演示案件 ${caseId} 的「${kind}」任务未在 2 分钟内生成`);
  }

  async decide(username: string, taskId: string, body: Record<string, unknown>) {
    await this.call(username, 'POST', `/tasks/${encodeURIComponent(taskId)}/complete`, body);
  }

  private async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      const response = await fetch(`${this.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      token = ((await response.json()) as { accessToken: string }).accessToken;
      this.tokens.set(username, token);
    }
    return token;
  }
}

/** A household's case moved on to its target, step by step, each decided by whoever decides it. */
async function advance(api: DemoApi, household: DemoHousehold, caseId: string, ids: string[]) {
  const today = CHINA_TODAY();
  for (const department of Object.keys(DEPARTMENT_OFFICERS)) {
    const task = await api.openTask(caseId, 'dataCheckAnswer');
    const hits =
      household.overriddenVehicleHit && task.department === 'vehicles'
        ? [{ category: 'vehicle', idNumber: ids[0], detail: '名下登记小型普通客车一辆（2012年购，二手）' }]
        : [];
    await api.decide(DEPARTMENT_OFFICERS[task.department ?? department], task.id, {
      decision: 'approve',
      form: { hits },
    });
  }
  if (household.overriddenVehicleHit) {
    await api.decide('co_county', (await api.openTask(caseId, 'hitReview')).id, {
      decision: 'approve',
      reason: '经核实该车为2012年购入的二手车，已报废待注销，不影响认定',
    });
  }
  if (household.target === 'homeSurvey') return;
  const caseworker = household.caseworker;
  await api.decide(caseworker, (await api.openTask(caseId, 'homeSurvey')).id, {
    decision: 'approve',
    form: {
      surveyedOn: today,
      incomes: household.members.map((m, i) => ({
        idNumber: ids[i],
        wages: m.annualIncome,
        business: 0,
        property: 0,
        transfer: 0,
      })),
      indicators: {
        income: false,
        food: true,
        clothing: true,
        schooling: true,
        medical: !household.povertyCauses.includes('illness'),
        housing: true,
        water: true,
        pension: true,
        employment: true,
      },
      povertyCauses: household.povertyCauses,
      notes: '入户核实，家庭收入低于相对贫困线',
    },
  });
  await api.decide(caseworker, (await api.openTask(caseId, 'democraticAppraisal')).id, {
    decision: 'approve',
    form: {
      heldOn: today,
      attendees: 25,
      votesFor: 23,
      votesAgainst: 2,
      minutes: '到会代表25人，23人同意，2人反对',
    },
  });
  if (household.target === 'publicNotice') return;
  await api.decide(caseworker, (await api.openTask(caseId, 'publicNotice')).id, {
    decision: 'approve',
    form: { startsOn: today, place: '村委会公示栏' },
  });
  if (household.target === 'townshipReview') return;
  await api.decide(
    'tr_' + (household.villageId.startsWith('370323104') ? 'dongli' : 'yuezhuang'),
    (await api.openTask(caseId, 'townshipReview')).id,
    {
      decision: 'approve',
    },
  );
  await api.decide('co_county', (await api.openTask(caseId, 'recognition')).id, { decision: 'approve' });
  if (household.target === 'supportPlan') return;
  await api.decide('co_county', (await api.openTask(caseId, 'supportPlan')).id, {
    decision: 'approve',
    form: {
      safetyNet: [{ type: 'minimumLivingAllowance', department: 'civilAffairs', monthlyAmount: 480 }],
      sectorMeasures: [{ sector: 'care', department: 'civilAffairs', description: '村医每月上门探视' }],
    },
  });
}

/**
 * Enters the demo county's cases and moves them on; `log` reports each. Returns once every case stands
 * where it is meant to (about half a minute: the shortened notice is a few seconds).
 */
export async function seedDemoCases(baseUrl: string, log: (message: string) => void): Promise<void> {
  const api = new DemoApi(baseUrl);
  const apply = async (username: string, body: Record<string, unknown>) => {
    const created = await api.call<{
      id: string;
      villageName: string;
      stageLabel: string;
      members: { name: string }[];
    }>(username, 'POST', '/cases', body);
    return created;
  };
  const application = (household: DemoHousehold, index: number) => {
    const ids = household.members.map((m, i) => idNumber(m, i, index));
    return {
      ids,
      body: {
        villageId: household.villageId,
        address: household.address,
        members: household.members.map((m, i) => ({
          name: m.name,
          idNumber: ids[i],
          relation: m.relation,
          annualIncome: m.annualIncome,
        })),
        povertyCauses: household.povertyCauses,
        dataConsent: { signed: true, signedAt: CHINA_TODAY() },
      },
    };
  };

  // Those to be past their notice start while the admin has it shortened; the policy is then put back.
  const policyPath = `/admin/policies/${COUNTY}`;
  const { policy } = await api.call<{ policy: Record<string, unknown> }>('admin', 'GET', policyPath);
  await api.call('admin', 'PUT', policyPath, { ...policy, publicNotice: 'PT5S' });
  const started: { household: DemoHousehold; caseId: string; ids: string[] }[] = [];
  try {
    for (const [index, household] of HOUSEHOLDS.entries()) {
      if (!PAST_NOTICE.includes(household.target)) continue;
      const { ids, body } = application(household, index);
      started.push({ household, caseId: (await apply(household.caseworker, body)).id, ids });
    }
  } finally {
    await api.call('admin', 'PUT', policyPath, policy);
  }
  for (const [index, household] of HOUSEHOLDS.entries()) {
    if (PAST_NOTICE.includes(household.target)) continue;
    const { ids, body } = application(household, index);
    started.push({ household, caseId: (await apply(household.caseworker, body)).id, ids });
  }
  await Promise.all(started.map(({ household, caseId, ids }) => advance(api, household, caseId, ids)));
  for (const { household, caseId } of started) {
    const view = await api.call<{ villageName: string; stageLabel: string }>(
      'co_county',
      'GET',
      `/cases/${caseId}`,
    );
    log(`演示案件: ${view.villageName} ${household.members[0].name} 户 → ${view.stageLabel}（${caseId}）`);
  }
  // Scenario 1's start: three applications waiting for the departments' data check.
  for (const { username, body } of DEMO_APPLICATIONS) {
    const created = await apply(username, body);
    log(
      `演示案件: ${created.villageName} ${created.members[0].name} 户 → ${created.stageLabel}（${created.id}）`,
    );
  }
}
