// A county's identification ledger of 200,000 entries exported as xlsx through the API, in a scratch database
// with the demo county: the time from the request to the file's last byte, and the API process's peak resident
// memory (sampled while the file streams, and the kernel's high-water mark), with V8's default heap and with
// its old space capped. The file is read back with exceljs's streaming reader to check every row arrived.

import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { DEFAULT_DATABASE_URL, loadConfig } from '@libs/config';
import { dropDatabase } from '@libs/persistence';
import { DEMO_PASSWORD } from '../lib/demo-county';
import { freePort } from '../lib/free-port';
import { prepareDatabase } from '../lib/prepare-database';
import { post, round, spawnNode, waitFor } from './measure';

const ENTRIES = Number(process.env.BENCH_LEDGER_ENTRIES ?? 200_000);
// A household's milestones: recognition, plan, measures, reviews, exit.
const ENTRIES_PER_CASE = 10;
const FROM = '2026-01-01';

/** One export through an API process started with the given V8 heap setting. */
export interface LedgerExportRun {
  /** The old space's cap as the launchers set it, `256 MB (as launched)`, or `V8 default`. */
  heap: string;
  rowsRead: number;
  megabytes: number;
  seconds: number;
  /** The API process's resident set before the export (signed in, idle), in MB. */
  idleRssMB: number;
  /** The API process's largest resident set sampled every 50 ms during the export, in MB. */
  peakRssMB: number;
  /** The kernel's high-water mark of the API process's resident set (VmHWM), start-up included, in MB. */
  highWaterMarkMB: number;
}

export interface LedgerExportBenchResult {
  entries: number;
  runs: LedgerExportRun[];
}

// As the launchers start an API process (its old space capped by API_HEAP_MB, 256 MB by default), and with V8
// left to size the heap by the machine's memory, where it grows well past what the export holds before a full
// collection runs.
const LAUNCHED_HEAP_MB = loadConfig({}).http.heapMb;
const HEAP_SETTINGS: { heap: string; nodeOptions?: string }[] = [
  { heap: `${LAUNCHED_HEAP_MB} MB (as launched)`, nodeOptions: `--max-old-space-size=${LAUNCHED_HEAP_MB}` },
  { heap: 'V8 default' },
];

/** A process's VmRSS or VmHWM from /proc, in MB. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return line ? Number(line[1]) / 1024 : NaN;
}

async function generateLedger(url: string): Promise<void> {
  const { dataSource } = await prepareDatabase(url, true);
  try {
    const cases = Math.ceil(ENTRIES / ENTRIES_PER_CASE);
    // The demo county's first village holds every case: the export's place joins stay as in production.
    const village = `(SELECT id, path FROM jurisdictions WHERE level = 'village' ORDER BY id LIMIT 1)`;
    await dataSource.query(
      `INSERT INTO households (id, village_id, address)
       SELECT md5('h' || i)::uuid, v.id, '基准地址' || i FROM generate_series(1, $1) i, ${village} v`,
      [cases],
    );
    await dataSource.query(
      `INSERT INTO household_members (id, household_id, name, id_number, relation, annual_income)
       SELECT md5('m' || i)::uuid, md5('h' || i)::uuid, '户主' || i, '9' || lpad(i::text, 17, '0'), 'head', 4000
       FROM generate_series(1, $1) i`,
      [cases],
    );
    await dataSource.query(
      `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, village_id, jurisdiction_path,
         per_capita_income, application, created_by)
       SELECT md5('c' || i)::uuid, md5('h' || i)::uuid, 'bench-ledger-' || i, 'application', 'inSupport', 'open',
         v.id, v.path, 4000, '{}', (SELECT id FROM users WHERE username = 'co_county')
       FROM generate_series(1, $1) i, ${village} v`,
      [cases],
    );
    // One entry a minute from the first of January (200,000 minutes: into May), China time.
    await dataSource.query(
      `INSERT INTO ledger_entries (id, ledger, case_id, jurisdiction_path, event, entry, recorded_at)
       SELECT 'bench-' || i, 'identification', md5('c' || (i % $2 + 1))::uuid, v.path, 'recognised',
         jsonb_build_object('perCapitaIncome', 4000 + i % 2000, 'povertyLine', 6312,
           'reasons', jsonb_build_array('家庭人均收入低于相对贫困线')),
         ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai' + i * interval '1 minute'
       FROM generate_series(1, $1) i, ${village} v`,
      [ENTRIES, cases, FROM],
    );
    await dataSource.query('ANALYZE');
  } finally {
    await dataSource.destroy();
  }
}

/** Rows of the workbook's first sheet, read with the streaming reader (never the whole file in memory). */
async function countRows(file: string): Promise<number> {
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, {})) {
    for await (const row of sheet) if (row.number > 1) rows += 1;
    break;
  }
  return rows;
}

/** Starts an API process on the database, exports the ledger through it, stops it, and reads the file back. */
async function exportOnce(
  setting: (typeof HEAP_SETTINGS)[number],
  databaseUrl: string,
  temporalAddress: string,
  children: ChildProcess[],
  file: string,
): Promise<LedgerExportRun> {
  const port = await freePort();
  const api = spawnNode('apps/api/src/main.js', [], {
    ...process.env,
    ...(setting.nodeOptions ? { NODE_OPTIONS: setting.nodeOptions } : {}),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: 'bench-secret-0123456789abcdef',
  });
  children.push(api);
  const baseUrl = `http://127.0.0.1:${port}/api`;
  await waitFor(async () => (await fetch(`${baseUrl}/health`)).ok, 'API');
  const token = (await post(`${baseUrl}/auth/login`, { username: 'co_county', password: DEMO_PASSWORD }))
    .accessToken;

  const idleRssMB = memoryOf(api.pid!, 'VmRSS');
  let peakRssMB = idleRssMB;
  const sampler = setInterval(() => {
    peakRssMB = Math.max(peakRssMB, memoryOf(api.pid!, 'VmRSS'));
  }, 50);
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/ledgers/identification/export?format=xlsx&from=${FROM}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const highWaterMarkMB = memoryOf(api.pid!, 'VmHWM');
  // Its connections closed before the database is dropped; gone from the bench's children once it has exited.
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.kill('SIGTERM');
  await exited;
  children.splice(children.indexOf(api), 1);
  const rowsRead = await countRows(file);
  if (rowsRead !== ENTRIES) throw new Error(`the xlsx holds ${rowsRead} rows, not ${ENTRIES}`);
  return {
    heap: setting.heap,
    rowsRead,
    megabytes: round(statSync(file).size / 2 ** 20),
    seconds: round(seconds),
    idleRssMB: round(idleRssMB),
    peakRssMB: round(peakRssMB),
    highWaterMarkMB: round(highWaterMarkMB),
  };
}

export async function runLedgerExportBench(
  temporalAddress: string,
  children: ChildProcess[],
  log: (message: string) => void,
): Promise<LedgerExportBenchResult> {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = `/changxiao_bench_ledger_${Date.now()}`;
  const databaseUrl = url.toString();
  const dir = mkdtempSync(join(tmpdir(), 'changxiao-ledger-'));
  try {
    log(`生成认定台账 ${ENTRIES} 条…`);
    await generateLedger(databaseUrl);
    const runs: LedgerExportRun[] = [];
    for (const setting of HEAP_SETTINGS) {
      log(`导出 ${ENTRIES} 条为 xlsx（API 堆：${setting.heap}）…`);
      runs.push(await exportOnce(setting, databaseUrl, temporalAddress, children, join(dir, 'ledger.xlsx')));
    }
    return { entries: ENTRIES, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}
