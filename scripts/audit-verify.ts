// `npm run audit:verify` (after `npm run build`): seals what is not sealed yet, then verifies the audit log
// from the last good verification on (`-- --full`: every row), prints a summary in Chinese and English,
// each break on a line of its own, and exits 1 when the log does not hold.

import { ConfigError, loadConfig } from '@libs/config';
import { createDataSource, resolveAuditSigningKeys, verifyAuditLog } from '@libs/persistence';

async function main(): Promise<number> {
  const config = loadConfig();
  const full = process.argv.includes('--full');
  // The full walk of a large log runs many short statements: the usual statement timeout still holds.
  const dataSource = await createDataSource(config.database.url, 2, config.database).initialize();
  try {
    const started = Date.now();
    const report = await verifyAuditLog(dataSource, resolveAuditSigningKeys(config), { full });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${full ? '全量校验' : '增量校验'}：${report.checked} 条记录，${report.chains} 条链，` +
        `${report.checkpoints} 个签名检查点，用时 ${seconds} 秒 ` +
        `(${full ? 'full' : 'incremental'} verification: ${report.checked} rows, ${report.chains} chains, ` +
        `${report.checkpoints} signed checkpoints in ${seconds} s)`,
    );
    if (report.ok) {
      console.log(
        '留痕完整：未发现修改、插入或删除 (the audit log holds: nothing edited, inserted or deleted)',
      );
      return 0;
    }
    console.log(
      `留痕被篡改：发现 ${report.breaks.length} 处问题 (the audit log was tampered with: ` +
        `${report.breaks.length} break(s))`,
    );
    for (const found of report.breaks) console.log(`  - ${found.problem}`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
