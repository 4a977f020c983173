// The demo county's cases on first start, entered and moved on through the API as the people of the county
// would: so that every role finds work and every screen something to show. Three applications wait for the
// departments' data check (scenario 1's start); others stand at the home survey, at the public notice (two
// households in 东里东村, for the printed sheet), at 东里镇's review, at the county's support plan and in
// support with measures at the departments; one went on after the centre overrode a vehicle hit
// (scenario 2), so the override report has an entry. Those past the notice were entered while the admin had
// the notice shortened to seconds (a case reads its policy when it starts), and the policy is put back.

import { idNumberCheckChar } from '@libs/domain';
import {
  applicationBody,
  DEMO_APPLICATIONS,
  DEMO_PASSWORD,
  type DemoApplication,
  type DemoMember,
} from './demo-county';

const COUNTY = '370323';
const CHINA_TODAY = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Where a demo household's case is left standing. */
type Target = 'homeSurvey' | 'publicNotice' | 'townshipReview' | 'supportPlan' | 'inSupport';

/** A member as a demo household lists one: name, birth date (YYYYMMDD), relation, annual income (yuan). */
type Member = [name: string, born: string, relation: string, annualIncome: number];

interface DemoHousehold extends Omit<DemoApplication, 'members' | 'signedAt'> {
  members: Member[];
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
    username: 'cw_dongli_east',
    address: '东里镇东里东村2组5号',
    members: [
      ['孙玉梅', '19620314', 'head', 4200],
      ['孙小东', '20070922', 'child', 0],
    ],
    povertyCauses: ['lackOfLabour'],
    target: 'homeSurvey',
  },
  {
    username: 'cw_dongli_east',
    address: '东里镇东里东村1组12号',
    members: [
      ['李德福', '19580607', 'head', 5000],
      ['张翠英', '19600211', 'spouse', 1800],
    ],
    povertyCauses: ['illness'],
    target: 'publicNotice',
  },
  {
    username: 'cw_dongli_east',
    address: '东里镇东里东村4组8号',
    members: [
      ['陈秀英', '19700419', 'head', 6000],
      ['陈志强', '20050101', 'child', 2000],
      ['陈志红', '20100815', 'child', 0],
    ],
    povertyCauses: ['schooling'],
    target: 'publicNotice',
    overriddenVehicleHit: true,
  },
  {
    username: 'cw_dongli_west',
    address: '东里镇东里西村3组6号',
    members: [
      ['马保国', '19550823', 'head', 3000],
      ['马王氏', '19570105', 'spouse', 1200],
    ],
    povertyCauses: ['lackOfLabour', 'illness'],
    target: 'townshipReview',
  },
  {
    username: 'cw_dongli_west',
    address: '东里镇东里西村1组20号',
    members: [
      ['刘淑芬', '19680730', 'head', 5200],
      ['高建军', '19660302', 'spouse', 3400],
      ['高小雪', '20091111', 'child', 0],
    ],
    povertyCauses: ['disability'],
    target: 'supportPlan',
  },
  {
    username: 'cw_yuezhuang',
    address: '悦庄镇悦庄村6组3号',
    members: [
      ['赵福生', '19520918', 'head', 2600],
      ['钱桂香', '19541203', 'spouse', 1500],
    ],
    povertyCauses: ['lackOfLabour'],
    target: 'inSupport',
  },
];

/** The targets that need the notice over: their cases start while the notice is shortened. */
const PAST_NOTICE: readonly Target[] = ['townshipReview', 'supportPlan', 'inSupport'];

// A fixed ID number per member: the demo is the same on every first start.
const idNumber = (born: string, index: number, household: number) => {
  const first17 = `${COUNTY}${born}${String(100 + household * 10 + index).slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
};

/** The household's application, signed today. */
function application({ username, address, members, povertyCauses }: DemoHousehold, household: number) {
  return {
    username,
    address,
    members: members.map(([name, born, relation, annualIncome], i): DemoMember => [
      name,
      idNumber(born, i, household),
      relation,
      annualIncome,
    ]),
    povertyCauses,
    signedAt: CHINA_TODAY(),
  };
}

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
  const caseworker = household.username;
  await api.decide(caseworker, (await api.openTask(caseId, 'homeSurvey')).id, {
    decision: 'approve',
    form: {
      surveyedOn: today,
      incomes: household.members.map(([, , , annualIncome], i) => ({
        idNumber: ids[i],
        wages: annualIncome,
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
  const reviewer = household.username.startsWith('cw_dongli') ? 'tr_dongli' : 'tr_yuezhuang';
  await api.decide(reviewer, (await api.openTask(caseId, 'townshipReview')).id, { decision: 'approve' });
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
  const apply = (entered: DemoApplication) =>
    api.call<{ id: string; villageName: string; stageLabel: string; members: { name: string }[] }>(
      entered.username,
      'POST',
      '/cases',
      applicationBody(entered),
    );
  // Those to be past their notice start while the admin has it shortened; the policy is then put back.
  const policyPath = `/admin/policies/${COUNTY}`;
  const { policy } = await api.call<{ policy: Record<string, unknown> }>('admin', 'GET', policyPath);
  await api.call('admin', 'PUT', policyPath, { ...policy, publicNotice: 'PT5S' });
  const start = async (household: DemoHousehold, index: number) => {
    const entered = application(household, index);
    const caseId = (await apply(entered)).id;
    return { household, caseId, ids: entered.members.map(([, id]) => id) };
  };
  const started: { household: DemoHousehold; caseId: string; ids: string[] }[] = [];
  try {
    for (const [index, household] of HOUSEHOLDS.entries()) {
      if (!PAST_NOTICE.includes(household.target)) continue;
      started.push(await start(household, index));
    }
  } finally {
    await api.call('admin', 'PUT', policyPath, policy);
  }
  for (const [index, household] of HOUSEHOLDS.entries()) {
    if (PAST_NOTICE.includes(household.target)) continue;
    started.push(await start(household, index));
  }
  await Promise.all(started.map(({ household, caseId, ids }) => advance(api, household, caseId, ids)));
  for (const { household, caseId } of started) {
    const view = await api.call<{ villageName: string; stageLabel: string }>(
      'co_county',
      'GET',
      `/cases/${caseId}`,
    );
    log(`演示案件: ${view.villageName} ${household.members[0][0]} 户 → ${view.stageLabel}（${caseId}）`);
  }
  // Scenario 1's start: three applications waiting for the departments' data check.
  for (const entered of DEMO_APPLICATIONS) {
    const created = await apply(entered);
    log(
      `演示案件: ${created.villageName} ${created.members[0].name} 户 → ${created.stageLabel}（${created.id}）`,
    );
  }
}
