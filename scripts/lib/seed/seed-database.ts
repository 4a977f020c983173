// 造数 seeds a database at a scale: migrated first, then county by county, each county's rows made in Node
// and bulk-copied in one transaction. A county is there whole or not at all, so a run cut off half-way is
// resumed by the next one (the counties already there are kept, the rest seeded), and a run over a seeded
// database adds nothing. A database seeded at another scale is refused.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hash } from 'bcryptjs';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { Pool, type PoolClient } from 'pg';
import { DEMO_PASSWORD } from '../demo-county';
import { prepareDatabase } from '../prepare-database';
import { type CopyRows, copyRows } from './copy-rows';
import { type CountyRowsOptions, SEED_TABLE_ORDER, type SeedTable, countyRows } from './county-rows';
import { SEED_SCALES, type SeedScaleName, seedCountyId } from './scales';

/** The tables' names as the progress bars show them. */
export const TABLE_LABELS: Record<SeedTable, string> = {
  jurisdictions: '行政区划',
  users: '用户',
  county_policies: '县级政策',
  poverty_lines: '监测标准',
  households: '家庭',
  household_members: '家庭成员',
  cases: '案件',
  open_case_members: '在办成员',
  tasks: '任务',
  support_measures: '帮扶措施',
  ledger_entries: '台账',
  audit_events: '留痕',
  audit_chain_heads: '留痕链头',
};

export interface SeedReport {
  scale: SeedScaleName;
  /** Counties written by this run, and those found already seeded. */
  seededCounties: number;
  presentCounties: number;
  seconds: number;
  /** Rows in each table afterwards, and the open tasks among the tasks. */
  counts: Record<SeedTable, number>;
  openTasks: number;
  databaseBytes: number;
}

/** A database seeded at another scale, or a seed already running on it: refused, in Chinese. */
export class SeedRefused extends Error {}

export async function seedDatabase(
  url: string,
  scaleName: SeedScaleName,
  options: { log: (message: string) => void; progressBars?: boolean },
): Promise<SeedReport> {
  const started = Date.now();
  const scale = SEED_SCALES[scaleName];
  const { log } = options;
  const { dataSource } = await prepareDatabase(url, false);
  await dataSource.destroy();
  const pool = new Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  try {
    const [{ locked }] = (
      await client.query(`SELECT pg_try_advisory_lock(hashtext('changxiao-seed')) AS locked`)
    ).rows;
    if (!locked) throw new SeedRefused('另一个造数进程正在向这个数据库写入，请等它结束后再运行');
    const missing = await countiesToSeed(client, scaleName);
    const presentCounties = scale.counties - missing.length;
    if (missing.length === 0) {
      log(`数据库已按「${scaleName}」规模生成完毕（${scale.counties} 个县），本次不再写入`);
    } else {
      if (presentCounties > 0)
        log(`已有 ${presentCounties} 个县（上次运行中断或规模较小），继续生成其余 ${missing.length} 个县`);
      await seedCounties(client, scaleName, missing, options);
      log('更新统计信息（ANALYZE）…');
      await client.query('ANALYZE');
    }
    return {
      scale: scaleName,
      seededCounties: missing.length,
      presentCounties,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      counts: await tableCounts(client),
      openTasks: Number(
        (await client.query(`SELECT count(*) AS n FROM tasks WHERE status = 'open'`)).rows[0].n,
      ),
      databaseBytes: Number(
        (await client.query('SELECT pg_database_size(current_database()) AS size')).rows[0].size,
      ),
    };
  } finally {
    client.release();
    await pool.end();
  }
}

/**
 * The counties of the scale not in the database yet. A county is seeded when its policy row is there (written in
 * the county's transaction); one whose places are there without it (another generator's), or of another size, is
 * refused.
 */
async function countiesToSeed(client: PoolClient, scaleName: SeedScaleName): Promise<number[]> {
  const scale = SEED_SCALES[scaleName];
  const ids = Array.from({ length: scale.counties }, (_, n) => seedCountyId(n));
  const present: { id: string; villages: number; seeded: boolean }[] = (
    await client.query(
      `SELECT c.id, (SELECT count(*) FROM jurisdictions v WHERE v.level = 'village' AND v.path LIKE c.path || '.%')::int
         AS villages, EXISTS (SELECT 1 FROM county_policies p WHERE p.county_id = c.id) AS seeded
       FROM jurisdictions c WHERE c.id = ANY($1)`,
      [ids],
    )
  ).rows;
  const expected = scale.townshipsPerCounty * scale.villagesPerTownship;
  for (const county of present) {
    const problem = !county.seeded
      ? `数据库中已有县 ${county.id}，但不是本命令生成的（例如旧版基准程序的数据）`
      : county.villages !== expected
        ? `数据库中的县 ${county.id} 有 ${county.villages} 个村，而「${scaleName}」规模每县 ${expected} 个村：它是按另一规模生成的`
        : undefined;
    if (problem) throw new SeedRefused(`${problem}。请换一个数据库（DATABASE_URL）或删除该数据库后重新运行`);
  }
  const seeded = new Set(present.map((county) => county.id));
  return ids.flatMap((id, n) => (seeded.has(id) ? [] : [n]));
}

async function seedCounties(
  client: PoolClient,
  scaleName: SeedScaleName,
  counties: number[],
  options: { log: (message: string) => void; progressBars?: boolean },
): Promise<void> {
  const scale = SEED_SCALES[scaleName];
  const passwordHash = await hash(DEMO_PASSWORD, 10);
  const now = new Date();
  const showBars = (options.progressBars ?? true) && process.stderr.isTTY;
  const multi = new MultiBar(
    {
      format: '{label} |{bar}| {value}/{total}',
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const bar = (key: string, label: string, total: number) => {
    if (!showBars) return undefined;
    let found = bars.get(key);
    if (!found) {
      found = multi.create(total, 0, { label: label.padEnd(4, '　') });
      bars.set(key, found);
    }
    found.setTotal(total);
    return found;
  };
  const written = new Map<SeedTable, number>();
  await client.query('SET synchronous_commit = off');
  try {
    const make = (county: number) => makeCountyRows({ scale, county, passwordHash, now });
    let next = make(counties[0]);
    for (const [done, county] of counties.entries()) {
      const label = `县 ${seedCountyId(county)}（${done + 1}/${counties.length}）`;
      bar('county', '县', counties.length)?.update(done);
      if (!showBars) options.log(`生成 ${label}…`);
      const rows = await next;
      if (done + 1 < counties.length) {
        next = make(counties[done + 1]);
        // Awaited in the next round; a failure of this round's copy must not leave it unhandled.
        next.catch(() => undefined);
      }
      await client.query('BEGIN');
      try {
        for (const table of SEED_TABLE_ORDER) {
          const before = written.get(table) ?? 0;
          const tableBar = bar(
            table,
            TABLE_LABELS[table],
            before + rows[table].count * (counties.length - done),
          );
          await copyRows(client, rows[table], (n) => tableBar?.increment(n));
          written.set(table, before + rows[table].count);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    bar('county', '县', counties.length)?.update(counties.length);
  } finally {
    multi.stop();
  }
}

/**
 * A county's rows, made in a worker thread when running compiled (dist/), so that making the next county overlaps
 * copying this one; in-line under ts-jest, which has no loader for a TypeScript worker.
 */
function makeCountyRows(options: CountyRowsOptions): Promise<Record<SeedTable, CopyRows>> {
  const script = join(__dirname, 'county-rows.worker.js');
  if (!existsSync(script)) return Promise.resolve(countyRows(options));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`county-rows worker exited with code ${code}`));
    });
  });
}

async function tableCounts(client: PoolClient): Promise<Record<SeedTable, number>> {
  const counts = {} as Record<SeedTable, number>;
  for (const table of SEED_TABLE_ORDER) {
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return counts;
}
