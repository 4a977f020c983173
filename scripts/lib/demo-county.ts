// 演示数据 the demo county of SCENARIOS.md: 沂源县, four townships, their villages, one user per role.

import { randomUUID } from 'node:crypto';
import { compare, hash } from 'bcryptjs';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LIFECYCLE_POLICY, YIYUAN_2020_RULE, povertyLine } from '@libs/domain';
import type { JurisdictionLevel, LifecyclePolicy, PovertyLineRule, Role } from '@libs/domain';

/** Every demo user's password; printed on first start and given in the README (demo only). */
export const DEMO_PASSWORD = 'Demo@2026';

interface DemoJurisdiction {
  id: string;
  name: string;
  level: JurisdictionLevel;
  parentId: string | null;
}

const COUNTY = '370323';
export const DEMO_JURISDICTIONS: DemoJurisdiction[] = [
  { id: COUNTY, name: '沂源县', level: 'county', parentId: null },
  { id: '370323001', name: '南麻街道', level: 'township', parentId: COUNTY },
  { id: '370323001001', name: '城关社区', level: 'village', parentId: '370323001' },
  { id: '370323001002', name: '振兴路社区', level: 'village', parentId: '370323001' },
  { id: '370323002', name: '历山街道', level: 'township', parentId: COUNTY },
  { id: '370323002001', name: '历山社区', level: 'village', parentId: '370323002' },
  { id: '370323002002', name: '螳螂河社区', level: 'village', parentId: '370323002' },
  { id: '370323104', name: '东里镇', level: 'township', parentId: COUNTY },
  { id: '370323104201', name: '东里东村', level: 'village', parentId: '370323104' },
  { id: '370323104202', name: '东里西村', level: 'village', parentId: '370323104' },
  { id: '370323104203', name: '姚南峪村', level: 'village', parentId: '370323104' },
  { id: '370323105', name: '悦庄镇', level: 'township', parentId: COUNTY },
  { id: '370323105201', name: '悦庄村', level: 'village', parentId: '370323105' },
  { id: '370323105202', name: '韩旺村', level: 'village', parentId: '370323105' },
];

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: string;
  department?: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'cw_dongli_east',
    displayName: '李秀英（东里东村工作专员）',
    role: 'caseworker',
    jurisdictionId: '370323104201',
  },
  {
    username: 'cw_dongli_west',
    displayName: '张海（东里西村工作专员）',
    role: 'caseworker',
    jurisdictionId: '370323104202',
  },
  {
    username: 'cw_yuezhuang',
    displayName: '王芳（悦庄村工作专员）',
    role: 'caseworker',
    jurisdictionId: '370323105201',
  },
  {
    username: 'tr_dongli',
    displayName: '赵明（东里镇审核人）',
    role: 'townshipReviewer',
    jurisdictionId: '370323104',
  },
  {
    username: 'tr_yuezhuang',
    displayName: '孙丽（悦庄镇审核人）',
    role: 'townshipReviewer',
    jurisdictionId: '370323105',
  },
  {
    username: 'co_county',
    displayName: '陈刚（县相对贫困服务中心）',
    role: 'countyOfficer',
    jurisdictionId: COUNTY,
  },
  {
    username: 'dept_civil',
    displayName: '民政局经办人',
    role: 'departmentOfficer',
    jurisdictionId: COUNTY,
    department: 'civilAffairs',
  },
  {
    username: 'dept_housing',
    displayName: '住建局经办人',
    role: 'departmentOfficer',
    jurisdictionId: COUNTY,
    department: 'housing',
  },
  {
    username: 'dept_vehicle',
    displayName: '公安局车管所经办人',
    role: 'departmentOfficer',
    jurisdictionId: COUNTY,
    department: 'vehicles',
  },
  {
    username: 'dept_hr',
    displayName: '人社局经办人',
    role: 'departmentOfficer',
    jurisdictionId: COUNTY,
    department: 'humanResources',
  },
  {
    username: 'dept_medical',
    displayName: '医保局经办人',
    role: 'departmentOfficer',
    jurisdictionId: COUNTY,
    department: 'medicalInsurance',
  },
  {
    username: 'dept_market',
    displayName: '市场监管局经办人',
    role: 'departmentOfficer',
    jurisdictionId: COUNTY,
    department: 'marketRegulation',
  },
  {
    username: 'sup_dongli',
    displayName: '东里镇督办负责人',
    role: 'supervisor',
    jurisdictionId: '370323104',
  },
  { username: 'sup_county', displayName: '县领导小组办公室', role: 'supervisor', jurisdictionId: COUNTY },
  { username: 'inspector', displayName: '县纪委监委督查专班', role: 'inspector', jurisdictionId: COUNTY },
  { username: 'admin', displayName: '系统管理员', role: 'admin', jurisdictionId: COUNTY },
];

/** Writes the demo county and its users when the database has no jurisdiction yet; true if it did. */
export async function seedDemoCounty(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    // Two processes starting at once must not both seed.
    await manager.query('LOCK TABLE jurisdictions IN EXCLUSIVE MODE');
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM jurisdictions');
    if (count > 0) return false;
    const paths = new Map<string, string>();
    for (const j of DEMO_JURISDICTIONS) {
      const path = j.parentId ? `${paths.get(j.parentId)}.${j.id}` : j.id;
      paths.set(j.id, path);
      await manager.query(
        'INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5)',
        [j.id, j.name, j.level, j.parentId, path],
      );
    }
    const passwordHash = await hash(DEMO_PASSWORD, 10);
    for (const u of DEMO_USERS) {
      await manager.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, jurisdiction_id, department)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          randomUUID(),
          u.username,
          u.displayName,
          passwordHash,
          u.role,
          u.jurisdictionId,
          u.department ?? null,
        ],
      );
    }
    await manager.query('INSERT INTO county_policies (county_id, policy) VALUES ($1, $2)', [
      COUNTY,
      JSON.stringify(DEMO_POLICY),
    ]);
    const rule = DEMO_POVERTY_LINE;
    await manager.query(
      `INSERT INTO poverty_lines (jurisdiction_id, year, area, basis, base_income, ratio, line)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [rule.jurisdictionId, rule.year, rule.area, rule.basis, rule.baseIncome, rule.ratio, povertyLine(rule)],
    );
    return true;
  });
}

/** The demo users still enabled and still signing in with the demo password, by username. */
export async function openDemoAccounts(db: Pick<EntityManager, 'query'>): Promise<string[]> {
  const rows: { username: string; password_hash: string }[] = await db.query(
    'SELECT username, password_hash FROM users WHERE username = ANY($1) AND enabled ORDER BY username',
    [DEMO_USERS.map((u) => u.username)],
  );
  const open = await Promise.all(rows.map((row) => compare(DEMO_PASSWORD, row.password_hash)));
  return rows.filter((_, i) => open[i]).map((row) => row.username);
}

/** A production start refused: anyone who read the README could sign in as these demo users. */
export class DemoAccountsOpenError extends Error {
  constructor(readonly usernames: string[]) {
    super(
      `生产环境拒绝启动：演示账号仍可用演示密码 ${DEMO_PASSWORD} 登录: ${usernames.join(', ')}。` +
        '请以非生产模式（不设 NODE_ENV=production）对同一数据库启动一次，由 admin 停用这些账号' +
        '（PATCH /admin/users/:id {"enabled": false}）或为其设置新密码（POST /admin/users/:id/password，' +
        'admin 自己的也要改），然后再以生产模式启动。' +
        ` (NODE_ENV=production refused: demo accounts still have the demo password: ${usernames.join(', ')}; ` +
        'start once without NODE_ENV=production and disable them (PATCH /admin/users/:id {"enabled": false}) ' +
        'or set new passwords (POST /admin/users/:id/password))',
    );
  }
}

/** Throws DemoAccountsOpenError when any demo account still has the demo password (production start-up). */
export async function refuseOpenDemoAccounts(db: Pick<EntityManager, 'query'>): Promise<void> {
  const open = await openDemoAccounts(db);
  if (open.length > 0) throw new DemoAccountsOpenError(open);
}

/**
 * The demo county's policy: the default periods, and the six departments of scenario 1 for the data check —
 * 住建 answers by Excel workbook, the others in their inboxes.
 */
export const DEMO_POLICY: LifecyclePolicy = {
  ...DEFAULT_LIFECYCLE_POLICY,
  dataCheckDepartments: [
    { department: 'civilAffairs', connector: 'inbox' },
    { department: 'housing', connector: 'excel' },
    { department: 'vehicles', connector: 'inbox' },
    { department: 'humanResources', connector: 'inbox' },
    { department: 'medicalInsurance', connector: 'inbox' },
    { department: 'marketRegulation', connector: 'inbox' },
  ],
};

/** Yiyuan's rule (33% of the rural per-capita disposable income, 6312 yuan) taken as this year's, for the demo. */
export const DEMO_POVERTY_LINE: PovertyLineRule = { ...YIYUAN_2020_RULE, year: 2026 };

/** A member as the demo writes one: name, ID number, relation to the head, annual income (yuan). */
export type DemoMember = [name: string, idNumber: string, relation: string, annualIncome: number];

export interface DemoApplication {
  /** The village caseworker who enters it; the household lives in their village. */
  username: string;
  address: string;
  phone?: string;
  urgent?: boolean;
  members: DemoMember[];
  povertyCauses: string[];
  /** The day the household signed its data consent. */
  signedAt: string;
}

/** The application as POST /cases takes it. */
export function applicationBody({ username, members, signedAt, ...household }: DemoApplication) {
  return {
    ...household,
    villageId: DEMO_USERS.find((u) => u.username === username)!.jurisdictionId,
    members: members.map(([name, idNumber, relation, annualIncome]) => ({
      name,
      idNumber,
      relation,
      annualIncome,
    })),
    dataConsent: { signed: true, signedAt },
  };
}

/** A few households' applications, entered through the API as the village caseworkers would. */
export const DEMO_APPLICATIONS: DemoApplication[] = [
  {
    username: 'cw_dongli_east',
    address: '东里镇东里东村3组17号',
    phone: '13805331234',
    members: [
      ['王建国', '370323197803150018', 'head', 14000],
      ['刘桂兰', '370323198002120024', 'spouse', 9200],
      ['王小雨', '370323200809010029', 'child', 0],
      ['王小军', '370323201205060011', 'child', 0],
    ],
    povertyCauses: ['illness'],
    signedAt: '2026-11-20',
  },
  {
    username: 'cw_dongli_west',
    address: '东里镇东里西村5组2号',
    members: [
      ['周长福', '370323194805070018', 'head', 3600],
      ['吴秀珍', '370323195011230029', 'spouse', 2400],
    ],
    povertyCauses: ['lackOfLabour', 'illness'],
    signedAt: '2026-11-21',
  },
  {
    username: 'cw_yuezhuang',
    address: '悦庄镇悦庄村8组11号',
    urgent: true,
    members: [
      ['韩立军', '370323198506180012', 'head', 6000],
      ['韩梅', '370323201003300021', 'child', 0],
    ],
    povertyCauses: ['disaster'],
    signedAt: '2026-11-22',
  },
];
