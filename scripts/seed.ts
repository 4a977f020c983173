// `npm run seed -- --scale province|county|test` (after `npm run build`): seeds DATABASE_URL's database (created
// and migrated if need be) with made-up counties, households, cases at every stage, their tasks, ledgers and
// audit events, for trying the platform at scale and for the inbox benchmark. Running it again adds nothing;
// a run cut off half-way is resumed. The seeded cases have no Temporal workflow (workflow ids `seed-…`).

import { ConfigError, loadConfig } from '@libs/config';
import { SeedRefused, TABLE_LABELS, seedDatabase } from './lib/seed/seed-database';
import { SEED_SCALES, isSeedScaleName } from './lib/seed/scales';

const USAGE =
  `用法：npm run seed -- --scale <${Object.keys(SEED_SCALES).join('|')}>` +
  '（province：30 县 × 15 镇 × 40 村，约 25 万户；county：其中 1 个县；test：1 县 2 镇 6 村，120 户）';

function scaleArgument(argv: string[]): string | undefined {
  const i = argv.findIndex((arg) => arg === '--scale' || arg.startsWith('--scale='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice('--scale='.length) : argv[i + 1];
}

async function main(): Promise<number> {
  const scale = scaleArgument(process.argv.slice(2));
  if (!scale || !isSeedScaleName(scale)) {
    console.error(scale ? `未知的规模「${scale}」。${USAGE}` : USAGE);
    return 2;
  }
  const url = loadConfig().database.url;
  const report = await seedDatabase(url, scale, { log: (message) => console.log(message) });
  console.log(
    `完成：本次生成 ${report.seededCounties} 个县（已有 ${report.presentCounties} 个），用时 ${report.seconds} 秒，` +
      `数据库大小 ${(report.databaseBytes / 1024 ** 3).toFixed(2)} GiB`,
  );
  for (const [table, count] of Object.entries(report.counts)) {
    console.log(
      `  ${TABLE_LABELS[table as keyof typeof TABLE_LABELS]}（${table}）：${count.toLocaleString('zh-CN')}`,
    );
  }
  console.log(`  其中待办任务：${report.openTasks.toLocaleString('zh-CN')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError || error instanceof SeedRefused ? error.message : error);
    process.exit(1);
  },
);
