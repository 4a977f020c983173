// One county's seed rows, made in Node from a random generator seeded by the county's number (the same county
// always gets the same rows): its places and users, households with members, one case per household at a stage
// of the lifecycle (a few re-enrolled after a relapse, beside their closed case), the tasks each case has been
// through and the open ones where it stands, support measures, the three ledgers' entries and the audit events,
// hash-chained per case as the platform's appender chains them. The cases have no Temporal workflow: their
// workflow ids start with `seed-`.

import { createHash } from 'node:crypto';
import {
  type Actor,
  SYSTEM_ACTOR,
  dataCheckWorkflowId,
  householdCaseWorkflowId,
  supportMeasureWorkflowId,
  taskId,
} from '@libs/contracts';
import {
  CASE_STAGES,
  type CaseStage,
  DEFAULT_LIFECYCLE_POLICY,
  DEPARTMENTS,
  type Department,
  type LifecyclePolicy,
  type PovertyCause,
  type Role,
  SAFETY_NET_DEPARTMENT,
  SAFETY_NET_LABELS,
  SECTOR_MEASURE_LABELS,
  STAGE_LABELS,
  type SafetyNetType,
  type SectorMeasureKind,
  type TaskKind,
  type TaskStep,
  YIYUAN_2020_RULE,
  idNumberCheckChar,
  povertyLine,
  taskStep,
} from '@libs/domain';
import { AUDIT_EVENT_COLUMNS, AUDIT_GENESIS_HASH, auditHash, hashedAuditRow } from '@libs/persistence';
import { type CopyRows, CopyRowsBuilder } from './copy-rows';
import { BENCH_SCOPES, type SeedScale, countyName, seedCountyId, townshipName, villageName } from './scales';

const DAY = 86_400_000;
const SEED_WORKFLOW_PREFIX = 'seed-';

/** The departments every seeded county's data check asks, each in its officer's inbox. */
const DATA_CHECK_DEPARTMENTS: Department[] = [
  'civilAffairs',
  'housing',
  'vehicles',
  'humanResources',
  'medicalInsurance',
  'marketRegulation',
  'publicSecurity',
  'disabledPersons',
];

export const SEED_POLICY: LifecyclePolicy = {
  ...DEFAULT_LIFECYCLE_POLICY,
  dataCheckDepartments: DATA_CHECK_DEPARTMENTS.map((department) => ({ department, connector: 'inbox' })),
};

/** Where a household's case stands, and how often (weights out of 100). */
const STAGE_WEIGHTS: [CaseStage, number][] = [
  ['intake', 2],
  ['dataCheck', 15],
  ['hitReview', 1],
  ['homeSurvey', 4],
  ['democraticAppraisal', 3],
  ['publicNotice', 2],
  ['townshipReview', 3],
  ['recognition', 3],
  ['supportPlan', 3],
  ['inSupport', 26],
  ['periodicReview', 26],
  ['exit', 2],
  ['observation', 4],
  ['closed', 3],
  ['rejected', 2],
  ['withdrawn', 1],
];
/** 致贫原因: illness and disability the most frequent, as in the counties' registers. */
const CAUSE_WEIGHTS: [PovertyCause, number][] = [
  ['illness', 38],
  ['disability', 22],
  ['lackOfLabour', 12],
  ['schooling', 8],
  ['lackOfSkills', 7],
  ['accident', 4],
  ['disaster', 4],
  ['rigidExpense', 4],
  ['epidemic', 1],
];
const SECTOR_FOR_CAUSE: Record<PovertyCause, SectorMeasureKind> = {
  illness: 'medical',
  disability: 'care',
  lackOfLabour: 'care',
  schooling: 'education',
  lackOfSkills: 'employment',
  accident: 'finance',
  disaster: 'housing',
  rigidExpense: 'finance',
  epidemic: 'medical',
};
const SECTOR_DEPARTMENT: Record<SectorMeasureKind, Department> = {
  finance: 'finance',
  industry: 'agriculture',
  employment: 'humanResources',
  care: 'civilAffairs',
  education: 'education',
  medical: 'medicalInsurance',
  housing: 'housing',
};
const HOUSEHOLD_SIZES: [number, number][] = [
  [1, 18],
  [2, 30],
  [3, 22],
  [4, 16],
  [5, 9],
  [6, 5],
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '建国秀英桂兰志强海燕玉梅德福翠英长福秀珍立军小雨明华春花文杰淑芬永红金凤国庆丽娟振华凤英宏伟家乐子涵佳怡俊杰';
/** How far a measure got (1 transferred … 4 done) while the case is in support or at a review, or later. */
const MEASURE_PROGRESS: Record<'running' | 'done', [number, number][]> = {
  running: [
    [1, 24],
    [2, 27],
    [3, 22],
    [4, 27],
  ],
  done: [[4, 1]],
};
const RELAPSE_REASON = '因病返贫';
const WITHDRAWAL_REASON = '申请人自愿撤回申请';
const REJECT_REASONS = [
  '经入户核实，家庭人均收入高于认定标准',
  '经比对，家庭成员名下有商品房，不符合认定条件',
];

/** The columns each table is written with. */
export const SEED_TABLES = {
  jurisdictions: ['id', 'name', 'level', 'parent_id', 'path'],
  users: ['id', 'username', 'display_name', 'password_hash', 'role', 'jurisdiction_id', 'department'],
  county_policies: ['county_id', 'policy'],
  poverty_lines: ['jurisdiction_id', 'year', 'area', 'basis', 'base_income', 'ratio', 'line'],
  households: ['id', 'village_id', 'address', 'phone', 'urban', 'created_at'],
  household_members: ['id', 'household_id', 'name', 'id_number', 'relation', 'annual_income'],
  cases: [
    'id',
    'household_id',
    'workflow_id',
    'channel',
    'stage',
    'status',
    'urgent',
    'village_id',
    'jurisdiction_path',
    'per_capita_income',
    'application',
    'created_by',
    'created_at',
    'updated_at',
    'closed_at',
    'previous_case_id',
    'plan',
    'outcome_reason',
    'recognised_at',
  ],
  open_case_members: ['id_number', 'case_id'],
  tasks: [
    'id',
    'case_id',
    'kind',
    'stage',
    'status',
    'candidate_role',
    'jurisdiction_id',
    'jurisdiction_path',
    'assignee_id',
    'urgent',
    'priority',
    'due_at',
    'opened_at',
    'claimed_at',
    'closed_at',
    'decision',
    'reason',
    'decided_by',
    'village_id',
    'township_id',
    'county_id',
    'household_head',
    'household_head_id_number',
    'workflow_id',
    'department',
    'payload',
  ],
  support_measures: ['id', 'case_id', 'label', 'department', 'item', 'status', 'detail', 'updated_at'],
  ledger_entries: ['id', 'ledger', 'case_id', 'jurisdiction_path', 'event', 'entry', 'recorded_at'],
  audit_events: AUDIT_EVENT_COLUMNS,
  audit_chain_heads: ['chain', 'county_id', 'seq', 'hash'],
} as const;
export type SeedTable = keyof typeof SEED_TABLES;
/** In the order they are written (each after the tables it refers to). */
export const SEED_TABLE_ORDER = Object.keys(SEED_TABLES) as SeedTable[];

/** A stable uuid for a name, so a county's rows are the same on every run. */
function seedUuid(name: string): string {
  const hex = createHash('md5').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32: small, fast and good enough for made-up data. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Village {
  id: string;
  name: string;
  path: string;
  townshipId: string;
  townshipName: string;
  caseworker: Actor;
  reviewer: Actor;
}

interface Member {
  name: string;
  idNumber: string;
  relation: string;
  annualIncome: number;
}

interface Household {
  id: string;
  village: Village;
  members: Member[];
  causes: PovertyCause[];
  perCapitaIncome: number;
}

export interface CountyRowsOptions {
  scale: SeedScale;
  /** 0-based. */
  county: number;
  passwordHash: string;
  /** The moment the seeded data ends: open tasks were opened shortly before it. */
  now: Date;
}

/** All of one county's rows, by table. */
export function countyRows(options: CountyRowsOptions): Record<SeedTable, CopyRows> {
  const { rows } = new CountySeeder(options).run();
  return Object.fromEntries(SEED_TABLE_ORDER.map((table) => [table, rows[table].finish()])) as Record<
    SeedTable,
    CopyRows
  >;
}

class CountySeeder {
  readonly rows = Object.fromEntries(
    SEED_TABLE_ORDER.map((table) => [table, new CopyRowsBuilder(table, SEED_TABLES[table])]),
  ) as Record<SeedTable, CopyRowsBuilder>;
  readonly random: () => number;
  readonly countyId: string;
  readonly officer: Actor;
  readonly departmentOfficers = new Map<string, Actor>();
  private readonly usedIdNumbers = new Set<string>();
  private readonly villages: Village[] = [];

  constructor(readonly options: CountyRowsOptions) {
    this.random = randomGenerator(0x5eed + options.county * 7919);
    this.countyId = seedCountyId(options.county);
    this.officer = this.user(
      `co_${this.countyId}`,
      `${countyName(options.county)}相对贫困服务中心`,
      'countyOfficer',
      this.countyId,
    );
  }

  run(): this {
    this.places();
    const { householdsPerCounty } = this.options.scale;
    for (let n = 0; n < householdsPerCounty; n += 1) this.household(n);
    return this;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(weights: readonly [T, number][]): T {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let r = this.random() * total;
    for (const [value, weight] of weights) {
      r -= weight;
      if (r < 0) return value;
    }
    return weights[weights.length - 1][0];
  }

  user(
    username: string,
    displayName: string,
    role: Role,
    jurisdictionId: string,
    department?: string,
  ): Actor {
    const id = seedUuid(`user:${username}`);
    this.rows.users.add([
      id,
      username,
      displayName,
      this.options.passwordHash,
      role,
      jurisdictionId,
      department ?? null,
    ]);
    return { userId: id, username, role, jurisdictionId };
  }

  places(): void {
    const { county, scale } = this.options;
    const name = countyName(county);
    this.rows.jurisdictions.add([this.countyId, name, 'county', null, this.countyId]);
    this.rows.county_policies.add([this.countyId, SEED_POLICY]);
    const rule = {
      ...YIYUAN_2020_RULE,
      jurisdictionId: this.countyId,
      year: this.options.now.getUTCFullYear(),
    };
    this.rows.poverty_lines.add([
      rule.jurisdictionId,
      rule.year,
      rule.area,
      rule.basis,
      rule.baseIncome,
      rule.ratio,
      povertyLine(rule),
    ]);
    this.user(`sup_${this.countyId}`, `${name}领导小组办公室`, 'supervisor', this.countyId);
    this.user(`insp_${this.countyId}`, `${name}纪委监委督查专班`, 'inspector', this.countyId);
    for (const department of DEPARTMENTS) {
      this.departmentOfficers.set(
        department,
        this.user(
          `dept_${this.countyId}_${department}`,
          `${name}${department}经办人`,
          'departmentOfficer',
          this.countyId,
          department,
        ),
      );
    }
    if (county === 0) {
      for (const scope of Object.values(BENCH_SCOPES))
        this.user(scope.username, scope.username, scope.role, scope.jurisdictionId);
    }
    for (let t = 0; t < scale.townshipsPerCounty; t += 1) {
      const townshipId = `${this.countyId}${String(t + 1).padStart(3, '0')}`;
      const tName = townshipName(t);
      const townshipPath = `${this.countyId}.${townshipId}`;
      this.rows.jurisdictions.add([townshipId, tName, 'township', this.countyId, townshipPath]);
      const reviewer = this.user(`tr_${townshipId}`, `${tName}审核人`, 'townshipReviewer', townshipId);
      for (let v = 0; v < scale.villagesPerTownship; v += 1) {
        const id = `${townshipId}${String(v + 1).padStart(3, '0')}`;
        const vName = villageName(v);
        const path = `${townshipPath}.${id}`;
        this.rows.jurisdictions.add([id, vName, 'village', townshipId, path]);
        const caseworker = this.user(`cw_${id}`, `${tName}${vName}工作专员`, 'caseworker', id);
        this.villages.push({ id, name: vName, path, townshipId, townshipName: tName, caseworker, reviewer });
      }
    }
  }

  household(n: number): void {
    const village = this.villages[n % this.villages.length];
    const id = seedUuid(`household:${this.countyId}:${n}`);
    const size = this.pick(HOUSEHOLD_SIZES);
    const line = povertyLine(YIYUAN_2020_RULE);
    // Mostly below the line, some just above it (they are assessed and may be refused).
    const perCapitaIncome = Math.round(line * (0.35 + this.random() * 0.55 + (this.chance(0.15) ? 0.3 : 0)));
    const members = this.members(size, perCapitaIncome);
    const first = this.pick(CAUSE_WEIGHTS);
    const second = this.chance(0.35) ? this.pick(CAUSE_WEIGHTS) : first;
    const household: Household = {
      id,
      village,
      members,
      causes: second === first ? [first] : [first, second],
      perCapitaIncome: Math.round((members.reduce((s, m) => s + m.annualIncome, 0) / size) * 100) / 100,
    };
    const address = `${village.townshipName}${village.name}${this.int(1, 9)}组${this.int(1, 60)}号`;
    const phone = this.chance(0.7) ? `13${String(this.int(0, 999_999_999)).padStart(9, '0')}` : null;
    const stage = this.pick(STAGE_WEIGHTS);
    const relapsed = this.chance(0.03);
    // An application starts at the data check; the other channels at the caseworker's intake.
    const channel = relapsed ? 'reEnrolment' : stage === 'intake' ? 'monitoringAlert' : this.channel();
    const previousKey = `${n}:previous`;
    const built = new CaseBuilder(this, household, stage, channel, {
      previousCaseId: relapsed ? seedCaseId(household, previousKey) : null,
    });
    const end = this.options.now.getTime() - built.quietDays() * DAY;
    const current = built.finish(end);
    let createdAt = current.createdAt;
    if (relapsed) {
      const previous = new CaseBuilder(this, household, 'reEnrolled', 'application', { key: previousKey });
      createdAt = previous.finish(current.createdAt.getTime()).createdAt;
      previous.write();
    }
    this.rows.households.add([id, village.id, address, phone, false, createdAt]);
    for (const [i, m] of members.entries()) {
      this.rows.household_members.add([
        seedUuid(`member:${id}:${i}`),
        id,
        m.name,
        m.idNumber,
        m.relation,
        m.annualIncome,
      ]);
    }
    current.write();
  }

  channel(): string {
    return this.pick([
      ['application', 80],
      ['referral', 8],
      ['monitoringAlert', 12],
    ]);
  }

  members(size: number, perCapitaIncome: number): Member[] {
    const headAge = this.int(28, 82);
    const relations: [string, number][] = [['head', headAge]];
    if (size >= 2 && this.chance(0.8)) relations.push(['spouse', Math.max(20, headAge + this.int(-4, 4))]);
    while (relations.length < size) {
      if (headAge > 62 && this.chance(0.4)) relations.push(['grandchild', this.int(2, 17)]);
      else if (headAge < 50 && this.chance(0.2))
        relations.push(['parent', Math.min(95, headAge + this.int(22, 30))]);
      else relations.push(['child', Math.max(0, headAge - this.int(22, 38))]);
    }
    const earners = relations.filter(([, age]) => age >= 18 && age < 66).length || 1;
    const total = perCapitaIncome * size;
    return relations.map(([relation, age], i) => {
      const earns = (age >= 18 && age < 66) || (i === 0 && relations.every(([, a]) => a < 18 || a >= 66));
      return {
        name: this.name(),
        idNumber: this.idNumber(age, relation === 'spouse' ? 'f' : this.chance(0.5) ? 'm' : 'f'),
        relation,
        annualIncome: earns ? Math.round(total / earners) : age >= 60 ? 1_800 : 0,
      };
    });
  }

  name(): string {
    const given = this.int(0, GIVEN.length / 2 - 1) * 2;
    return (
      SURNAMES[this.int(0, SURNAMES.length - 1)] +
      (this.chance(0.3) ? GIVEN[given] : GIVEN.slice(given, given + 2))
    );
  }

  /** A valid 18-digit ID number of the county, unique in it. */
  idNumber(age: number, sex: 'm' | 'f'): string {
    const year = this.options.now.getUTCFullYear() - age;
    const born = new Date(Date.UTC(year, 0, 1) + this.int(0, 364) * DAY)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    for (let sequence = this.int(0, 498); ; sequence = (sequence + 1) % 499) {
      const first17 = `${this.countyId}${born}${String(sequence * 2 + (sex === 'm' ? 1 : 2)).padStart(3, '0')}`;
      const number = first17 + idNumberCheckChar(first17);
      if (!this.usedIdNumbers.has(number)) {
        this.usedIdNumbers.add(number);
        return number;
      }
    }
  }
}

interface PendingTask {
  id: string;
  kind: TaskKind;
  /** The task's stage column: its step's, or the case's when it opened. */
  stage: CaseStage;
  workflowId: string;
  department: string | null;
  opened: number;
  closed: number | null;
  status: 'open' | 'completed' | 'cancelled';
  decision: string | null;
  reason: string | null;
  payload: Record<string, unknown> | null;
}

interface PendingEvent {
  at: number;
  eventKey: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** A task opened: its deadline joins `after` once the case's times are known. */
  opened?: PendingTask;
}

interface PendingMeasure {
  id: string;
  label: string;
  department: Department;
  item: Record<string, unknown>;
  status: string;
  at: number;
}

interface PendingLedger {
  id: string;
  ledger: 'identification' | 'support' | 'exit';
  event: string;
  entry: Record<string, unknown>;
  at: number;
}

/** A seeded case's id: one per household, and its earlier case's (`key`) for a re-enrolled one. */
function seedCaseId(household: Household, key: string): string {
  return seedUuid(`case:${household.id}:${key}`);
}

/** One case, built step by step on a clock of days from its start; finish() pins its end to a moment. */
class CaseBuilder {
  readonly caseId: string;
  readonly workflowId: string;
  private readonly previousCaseId: string | null;
  createdAt = new Date(0);
  private t = 0;
  private shift = 0;
  private closedAt: number | null = null;
  private recognisedAt: number | null = null;
  private plan: Record<string, unknown> | null = null;
  private outcomeReason: string | null = null;
  private readonly tasks: PendingTask[] = [];
  private readonly events: PendingEvent[] = [];
  private readonly measures: PendingMeasure[] = [];
  private readonly ledgers: PendingLedger[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly urgent: boolean;
  private dataCheckRounds = 0;
  private current: CaseStage = 'intake';

  constructor(
    private readonly s: CountySeeder,
    private readonly household: Household,
    private readonly stage: CaseStage,
    private readonly channel: string,
    { key = '', previousCaseId = null }: { key?: string; previousCaseId?: string | null } = {},
  ) {
    this.caseId = seedCaseId(household, key);
    this.previousCaseId = previousCaseId;
    this.workflowId = SEED_WORKFLOW_PREFIX + householdCaseWorkflowId(this.caseId);
    this.urgent = s.chance(0.02);
    this.build();
  }

  /** How long ago the case's last step was: a little for work in hand, longer for a finished case. */
  quietDays(): number {
    if (this.closedAt !== null) return this.s.int(5, 400);
    return this.stage === 'observation' ? this.s.int(0, 80) : this.s.random() * 18;
  }

  private build(): void {
    // The procedure's stages, from the application to the plan.
    const stages: readonly CaseStage[] = CASE_STAGES.slice(0, CASE_STAGES.indexOf('inSupport'));
    const target = this.stage;
    const at = (stage: CaseStage) => target === stage;
    // As the API audits a case it creates, or the workflow the re-enrolment a caseworker reports.
    const { village, members, perCapitaIncome } = this.household;
    const caseworker = village.caseworker;
    if (this.previousCaseId === null) {
      this.event(caseworker, 'case.created', 'case', this.caseId, null, {
        channel: this.channel,
        villageId: village.id,
        members: members.length,
        perCapitaIncome,
        urgent: this.urgent,
      });
    } else {
      this.event(
        caseworker,
        'case.created',
        'case',
        this.caseId,
        null,
        { channel: this.channel, previousCaseId: this.previousCaseId, villageId: village.id },
        RELAPSE_REASON,
      );
    }
    // A withdrawal or a refusal ends the procedure at one of the village-to-county steps.
    const endAt = at('rejected') || at('withdrawn') ? stages[this.s.int(3, 7)] : null;
    const stop = (stage: CaseStage) => at(stage) || endAt === stage;

    if (this.channel !== 'application') {
      if (this.step('intake', stop('intake'))) return;
    }
    const hit = at('hitReview') || this.s.chance(0.04);
    if (this.dataCheck(at('dataCheck'))) return;
    if (hit && this.step('hitReview', stop('hitReview'))) return;
    for (const stage of [
      'homeSurvey',
      'democraticAppraisal',
      'publicNotice',
      'townshipReview',
      'recognition',
    ] as const) {
      // Some township reviews send the appraisal back: it is held and noticed again, then reviewed anew.
      if (stage === 'townshipReview' && this.s.chance(0.06)) {
        this.task(stage, {
          closeAfter: this.s.int(1, taskStep(stage).sla.workingDays + 2),
          decision: 'return',
          reason: '民主评议记录不完整，退回重新评议',
        });
        this.step('democraticAppraisal', false);
        this.step('publicNotice', false);
      }
      if (this.step(stage, stop(stage))) return;
    }
    this.recognisedAt = this.t;
    this.ledger('identification', 'recognised', {
      summary: `认定纳入：家庭人均收入 ${this.household.perCapitaIncome} 元，低于监测标准`,
      channel: this.channel,
    });
    if (this.step('supportPlan', at('supportPlan'))) return;
    this.draftPlan();
    // In support and at its first review: measures under way (implementation takes months); later: all done.
    const reviews = at('inSupport') || at('periodicReview') ? 0 : this.s.int(1, 2);
    this.runMeasures(at('inSupport') || at('periodicReview') ? 'running' : 'done');
    for (let r = 1; r <= reviews; r += 1) this.review(r, false);
    if (at('inSupport')) return;
    if (at('periodicReview')) {
      this.review(reviews + 1, true);
      return;
    }
    this.t = Math.max(this.t, this.recognisedAt + 182 * reviews + this.s.int(20, 60));
    if (this.step('villageRepresentativeMeeting', at('exit'), 'exit')) return;
    this.ledger('exit', 'exited', { summary: '经村民代表会议评议，家庭收入稳定超过监测标准，同意退出' });
    this.moveTo('observation');
    if (at('observation')) return;
    this.t += 90;
    if (at('reEnrolled')) {
      this.ledger('exit', 'reEnrolled', {
        summary: '持续关注期内因病返贫，即时纳入新案件',
        reason: '因病返贫',
      });
      this.close('reEnrolled', `持续关注期内${RELAPSE_REASON}，即时纳入`, this.household.village.caseworker);
    } else {
      this.ledger('exit', 'closed', { summary: '持续关注期满，未返贫，销档', observation: 'P3M' });
      this.close('closed', '持续关注期满，未返贫，销档');
    }
  }

  /** The step's task: done, or left open (true: the case stands here, or ended here when refused or withdrawn). */
  private step(kind: TaskKind, last: boolean, stage: CaseStage = taskStep(kind).stage!): boolean {
    if (!last) {
      this.task(kind, { closeAfter: this.s.int(1, taskStep(kind).sla.workingDays + 2) });
      return false;
    }
    if (this.stage === 'rejected') {
      this.task(kind, {
        closeAfter: this.s.int(1, 5),
        decision: 'reject',
        reason: REJECT_REASONS[this.s.int(0, 1)],
      });
      const refused = this.tasks.at(-1)!;
      this.close('rejected', refused.reason!, this.actorFor(refused.kind, refused.department));
    } else if (this.stage === 'withdrawn') {
      this.task(kind, { closeAfter: this.s.int(1, 5), cancelled: true });
      this.close('withdrawn', WITHDRAWAL_REASON, this.household.village.caseworker);
    } else {
      this.task(kind, {});
      this.moveTo(stage);
    }
    return true;
  }

  /** One round of the data check: every department asked at once; `open`: some have not answered yet. */
  private dataCheck(open: boolean): boolean {
    this.dataCheckRounds += 1;
    const round = this.dataCheckRounds;
    const workflowId = SEED_WORKFLOW_PREFIX + dataCheckWorkflowId(this.caseId, round);
    // Most departments answer in their own time: a round in hand has few answers yet.
    const answered = open ? this.s.int(0, 1) : DATA_CHECK_DEPARTMENTS.length;
    const start = this.t;
    let end = start;
    const members = this.household.members.map((m) => ({ name: m.name, idNumber: m.idNumber }));
    for (const [i, department] of DATA_CHECK_DEPARTMENTS.entries()) {
      this.t = start;
      this.task('dataCheckAnswer', {
        about: department,
        department,
        workflowId,
        closeAfter: i < answered ? this.s.int(1, 6) : undefined,
        payload: { department, connector: 'inbox', members, round },
      });
      end = Math.max(end, this.t);
    }
    this.t = end;
    if (open) this.moveTo('dataCheck');
    return open;
  }

  private draftPlan(): void {
    const causes = this.household.causes;
    const safetyNet: SafetyNetType = this.s.pick([
      ['minimumLivingAllowance', 50],
      ['povertyInsurance', 30],
      ['temporaryAssistance', 12],
      ['extremePovertySupport', 8],
    ]);
    const sectors = [...new Set(causes.map((cause) => SECTOR_FOR_CAUSE[cause]))];
    if (this.s.chance(0.5)) sectors.push('industry');
    if (!sectors.includes('employment') && this.s.chance(0.3)) sectors.push('employment');
    const plan = {
      safetyNet: [
        {
          type: safetyNet,
          department: SAFETY_NET_DEPARTMENT[safetyNet],
          ...(safetyNet === 'povertyInsurance'
            ? { covers: ['illness'] }
            : { monthlyAmount: this.s.int(300, 600) }),
        },
      ],
      sectorMeasures: sectors.map((sector) => ({
        sector,
        department: SECTOR_DEPARTMENT[sector],
        description: `${SECTOR_MEASURE_LABELS[sector]}：按需落实`,
      })),
    };
    this.plan = plan;
    this.ledger(
      'support',
      'planDrafted',
      { summary: `帮扶计划第 1 版：${1 + sectors.length} 项措施`, version: 1, plan },
      'plan-1',
    );
    const items = [
      {
        label: SAFETY_NET_LABELS[safetyNet],
        department: SAFETY_NET_DEPARTMENT[safetyNet],
        item: plan.safetyNet[0],
      },
      ...plan.sectorMeasures.map((item) => ({
        label: SECTOR_MEASURE_LABELS[item.sector],
        department: item.department,
        item,
      })),
    ];
    for (const [index, { label, department, item }] of items.entries()) {
      this.measures.push({
        id: `${this.caseId}:p1m${index + 1}`,
        label,
        department,
        item,
        status: 'transferred',
        at: this.t,
      });
    }
    this.moveTo('inSupport');
  }

  /** Each measure: transfer, acceptance, implementation, follow-up; `running`: some are still under way. */
  private runMeasures(progress: 'running' | 'done'): void {
    const start = this.t;
    let end = start;
    for (const measure of this.measures) {
      this.t = start;
      const owner = SEED_WORKFLOW_PREFIX + supportMeasureWorkflowId(measure.id);
      const reached = this.s.pick(MEASURE_PROGRESS[progress]);
      const steps: [TaskKind, string][] = [
        ['measureAcceptance', 'accepted'],
        ['measureImplementation', 'implemented'],
        ['measureFollowUp', 'done'],
      ];
      for (const [i, [kind, status]] of steps.entries()) {
        const done = i + 1 < reached;
        const department = kind === 'measureFollowUp' ? null : measure.department;
        this.task(kind, {
          owner: measure.id,
          workflowId: owner,
          department,
          closeAfter: done ? this.s.int(2, kind === 'measureImplementation' ? 30 : 8) : undefined,
          payload: { measureId: measure.id, label: measure.label, department: measure.department },
        });
        if (!done) break;
        measure.status = status;
        measure.at = this.t;
      }
      if (measure.status === 'done') {
        this.ledger(
          'support',
          'measureDone',
          {
            summary: `${measure.label}（${measure.department}）已落实，见效`,
            measureId: measure.id,
            label: measure.label,
          },
          `${measure.id}:done`,
          `${measure.id}:done`,
        );
      }
      end = Math.max(end, this.t);
    }
    this.t = end;
  }

  /** 半年核查: a new round of the data check, then the caseworker's review; `open`: the case stands in it. */
  private review(round: number, open: boolean): void {
    this.t = Math.max(this.t, this.recognisedAt! + 182 * round);
    this.moveTo('periodicReview');
    const waiting = open && this.s.chance(0.8);
    this.dataCheck(waiting);
    if (waiting) {
      this.moveTo('periodicReview');
      return;
    }
    if (open) {
      this.task('periodicReview', {});
      return;
    }
    this.task('periodicReview', { closeAfter: this.s.int(2, 10) });
    this.ledger(
      'support',
      'reviewed',
      { summary: `第 ${round} 次半年核查：继续帮扶`, round, outcome: 'continue' },
      `review-${round}`,
    );
    this.moveTo('inSupport');
  }

  private task(
    kind: TaskKind,
    options: {
      about?: string;
      owner?: string;
      department?: string | null;
      workflowId?: string;
      closeAfter?: number;
      decision?: string;
      reason?: string;
      cancelled?: boolean;
      payload?: Record<string, unknown>;
    },
  ): void {
    const owner = options.owner ?? this.caseId;
    const key = `${owner}:${kind}:${options.about ?? ''}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const id = taskId(owner, kind, attempt, options.about);
    const opened = this.t;
    const closed = options.closeAfter === undefined ? null : opened + options.closeAfter + this.s.random();
    const status = closed === null ? 'open' : options.cancelled ? 'cancelled' : 'completed';
    const decision = status === 'completed' ? (options.decision ?? 'approve') : null;
    const step = taskStep(kind);
    const task: PendingTask = {
      id,
      kind,
      stage: step.stage ?? this.current,
      workflowId: options.workflowId ?? this.workflowId,
      department: options.department ?? null,
      opened,
      closed,
      status,
      decision,
      reason: options.reason ?? null,
      payload: options.payload ?? null,
    };
    this.tasks.push(task);
    // As the platform's openTask and closeTask (or closeCase's cancelling) audit them: two events a closed task.
    this.event(
      SYSTEM_ACTOR,
      'task.opened',
      'task',
      id,
      null,
      {
        stage: task.stage,
        kind,
        candidateRole: step.candidateRole,
        jurisdictionId: this.place(step.level).id,
        department: task.department,
      },
      null,
      task,
    );
    if (closed === null) return;
    this.t = closed;
    if (status === 'cancelled') {
      this.event(
        SYSTEM_ACTOR,
        'task.cancelled',
        'task',
        id,
        { status: 'open' },
        { status: 'cancelled' },
        `案件${STAGE_LABELS.withdrawn}：${WITHDRAWAL_REASON}`,
      );
    } else {
      this.event(
        this.actorFor(kind, task.department),
        'task.completed',
        'task',
        id,
        { status: 'open', stage: task.stage },
        { status: 'completed', decision, form: null, caseStage: null },
        task.reason,
      );
    }
  }

  /** Where a task of the level is: its jurisdiction's id and path. */
  private place(level: TaskStep['level']): { id: string; path: string } {
    const village = this.household.village;
    const countyId = this.s.countyId;
    if (level === 'village') return { id: village.id, path: village.path };
    if (level === 'township') return { id: village.townshipId, path: `${countyId}.${village.townshipId}` };
    return { id: countyId, path: countyId };
  }

  /** The task's deadline: the policy's working days (as calendar days), or its urgent hours. */
  private dueAt(task: PendingTask): Date {
    const { sla } = taskStep(task.kind);
    const opened = this.when(task.opened).getTime();
    return new Date(
      opened + (this.urgent ? sla.urgentHours * 3_600_000 : Math.ceil(sla.workingDays * 1.4) * DAY),
    );
  }

  private actorFor(kind: TaskKind, department: string | null): Actor {
    const role = taskStep(kind).candidateRole;
    if (role === 'departmentOfficer') return this.s.departmentOfficers.get(department!)!;
    if (role === 'caseworker') return this.household.village.caseworker;
    if (role === 'townshipReviewer') return this.household.village.reviewer;
    return this.s.officer;
  }

  private moveTo(stage: CaseStage): void {
    this.current = stage;
  }

  private ledger(
    ledger: PendingLedger['ledger'],
    event: string,
    entry: Record<string, unknown>,
    key: string = event,
    entryId = `${this.caseId}:${key}`,
  ): void {
    this.ledgers.push({ id: entryId, ledger, event, entry, at: this.t });
    this.event(SYSTEM_ACTOR, 'ledger.recorded', 'ledgerEntry', entryId, null, { ledger, event });
  }

  /** As the platform's closeCase audits it: by whoever ended it (the workflow, at the end of observation). */
  private close(stage: CaseStage, reason: string, actor: Actor = SYSTEM_ACTOR): void {
    const before = { stage: this.current, status: 'open' };
    this.current = stage;
    this.closedAt = this.t;
    this.outcomeReason = reason;
    this.event(actor, 'case.closed', 'case', this.caseId, before, { stage, status: 'closed' }, reason);
  }

  private event(
    actor: Actor,
    action: string,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
    reason: string | null = null,
    opened?: PendingTask,
  ): void {
    const eventKey =
      action === 'ledger.recorded' ? `ledger:${entityId}` : `${entityId}:${action.split('.')[1]}`;
    this.events.push({
      at: this.t,
      eventKey,
      actor,
      action,
      entityType,
      entityId,
      before,
      after,
      reason,
      opened,
    });
  }

  /** Pins the case's last step to `end` (ms); returns the case, its times now known. */
  finish(end: number): this {
    this.shift = end - this.t * DAY;
    this.createdAt = this.when(0);
    return this;
  }

  private when(days: number): Date {
    return new Date(Math.round(this.shift + days * DAY));
  }

  /** Adds the case's rows to the county's. */
  write(): void {
    const { rows } = this.s;
    const { household } = this;
    const village = household.village;
    const open = this.closedAt === null;
    const head = household.members[0];
    const updatedAt = this.when(this.t);
    rows.cases.add([
      this.caseId,
      household.id,
      this.workflowId,
      this.channel,
      this.current,
      open ? 'open' : 'closed',
      this.urgent,
      village.id,
      village.path,
      household.perCapitaIncome,
      {
        povertyCauses: household.causes,
        dataConsent: { signed: true, signedAt: this.createdAt.toISOString().slice(0, 10) },
      },
      village.caseworker.userId,
      this.createdAt,
      updatedAt,
      open ? null : this.when(this.closedAt!),
      this.previousCaseId,
      this.plan,
      this.outcomeReason,
      this.recognisedAt === null ? null : this.when(this.recognisedAt),
    ]);
    if (open) for (const m of household.members) rows.open_case_members.add([m.idNumber, this.caseId]);
    const townshipId = village.townshipId;
    const countyId = this.s.countyId;
    for (const task of this.tasks) {
      const step = taskStep(task.kind);
      const opened = this.when(task.opened);
      const place = this.place(step.level);
      const claimed = task.status === 'open' && step.candidateRole === 'caseworker' && this.s.chance(0.3);
      const decider = task.status === 'completed' ? this.actorFor(task.kind, task.department).userId : null;
      rows.tasks.add([
        task.id,
        this.caseId,
        task.kind,
        task.stage,
        task.status,
        step.candidateRole,
        place.id,
        place.path,
        claimed ? village.caseworker.userId : null,
        this.urgent,
        this.urgent ? 1 : 0,
        this.dueAt(task),
        opened,
        claimed ? opened : null,
        task.closed === null ? null : this.when(task.closed),
        task.decision,
        task.reason,
        decider,
        village.id,
        townshipId,
        countyId,
        head.name,
        head.idNumber,
        task.workflowId,
        task.department,
        task.payload,
      ]);
    }
    for (const m of this.measures) {
      rows.support_measures.add([
        m.id,
        this.caseId,
        m.label,
        m.department,
        m.item,
        m.status,
        {},
        this.when(m.at),
      ]);
    }
    for (const l of this.ledgers) {
      rows.ledger_entries.add([l.id, l.ledger, this.caseId, village.path, l.event, l.entry, this.when(l.at)]);
    }
    this.writeAudit(countyId);
  }

  /** The case's chain: each event hashed with the one before it, by the appender's own functions. */
  private writeAudit(countyId: string): void {
    const chain = `case:${this.caseId}`;
    let prevHash = AUDIT_GENESIS_HASH;
    for (const [i, e] of this.events.entries()) {
      const row = {
        event_key: e.eventKey,
        occurred_at: this.when(e.at),
        actor_id: e.actor.userId,
        actor_username: e.actor.username,
        actor_role: e.actor.role,
        actor_jurisdiction_id: e.actor.jurisdictionId,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        case_id: this.caseId,
        before: e.before,
        after: e.opened
          ? { ...(e.after as Record<string, unknown>), dueAt: this.dueAt(e.opened).toISOString() }
          : e.after,
        reason: e.reason,
        request_id: null,
        chain,
        seq: String(i + 1),
      };
      const hash = auditHash(prevHash, hashedAuditRow(row));
      this.s.rows.audit_events.add([...Object.values(row), prevHash, hash]);
      prevHash = hash;
    }
    this.s.rows.audit_chain_heads.add([chain, countyId, this.events.length, prevHash]);
  }
}
