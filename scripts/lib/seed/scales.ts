// 造数 the sizes `npm run seed -- --scale` knows, the places' numbering and names, and the people the inbox
// benchmark signs in as. Counties are 371001…, townships 3 more digits, villages 3 more (as the real codes).

export interface SeedScale {
  counties: number;
  townshipsPerCounty: number;
  villagesPerTownship: number;
  /** Households per county. */
  householdsPerCounty: number;
}

export const SEED_SCALES = {
  /** 省: 30 counties × 15 townships × 40 villages, 250,000 households. */
  province: { counties: 30, townshipsPerCounty: 15, villagesPerTownship: 40, householdsPerCounty: 8_334 },
  /** 县: the province's first county alone, as the province seeds it (quick tries, the benchmark's scopes). */
  county: { counties: 1, townshipsPerCounty: 15, villagesPerTownship: 40, householdsPerCounty: 8_334 },
  /** 测试: a county of two townships of three villages, for specs. */
  test: { counties: 1, townshipsPerCounty: 2, villagesPerTownship: 3, householdsPerCounty: 120 },
} as const satisfies Record<string, SeedScale>;
export type SeedScaleName = keyof typeof SEED_SCALES;

export function isSeedScaleName(name: string): name is SeedScaleName {
  return Object.hasOwn(SEED_SCALES, name);
}

/** The id of county n (0-based). */
export function seedCountyId(n: number): string {
  return String(371001 + n);
}

/** The places and people the inbox benchmark signs in as: one per scope it measures (in the first county). */
export const BENCH_SCOPES = {
  village: { username: 'bench_caseworker', role: 'caseworker', jurisdictionId: '371001001001' },
  township: { username: 'bench_reviewer', role: 'townshipReviewer', jurisdictionId: '371001001' },
  county: { username: 'bench_county', role: 'countyOfficer', jurisdictionId: '371001' },
  supervisor: { username: 'bench_supervisor', role: 'supervisor', jurisdictionId: '371001' },
} as const;

const COUNTY_NAMES =
  '青云 白石 临河 东岭 西坪 南山 北川 长宁 安平 永和 清泉 松阳 柳林 桃源 石门 龙泉 凤鸣 金沙 玉溪 兴隆 平川 河阳 宁远 广德 大通 丰乐 新华 太和 福山 双河'.split(
    ' ',
  );
const TOWNSHIP_NAMES =
  '城关 东关 西关 南湖 北岗 前营 后屯 河口 马庄 高桥 李集 张店 王坊 刘寨 石桥 黄土 杨柳 红星'.split(' ');
const VILLAGE_NAMES = (
  '东村 西村 南村 北村 前街 后街 上庄 下庄 大王 小王 李家 张家 刘营 陈庄 杨屯 赵坊 孙集 周湾 吴桥 郑店 ' +
  '冯楼 褚洼 卫岗 蒋寨 沈圩 韩堡 朱岭 秦沟 许坡 何庄 吕家 施营 孔村 曹庄 严家 华村 金庄 魏楼 陶家 姜屯'
).split(' ');

export function countyName(n: number): string {
  return `${COUNTY_NAMES[n % COUNTY_NAMES.length]}县`;
}

export function townshipName(n: number): string {
  return `${TOWNSHIP_NAMES[n % TOWNSHIP_NAMES.length]}镇`;
}

export function villageName(n: number): string {
  const name = VILLAGE_NAMES[n % VILLAGE_NAMES.length];
  return n < VILLAGE_NAMES.length ? name : `${name}${Math.floor(n / VILLAGE_NAMES.length) + 1}`;
}
