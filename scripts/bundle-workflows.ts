// Bundles workflows/ once at build time, so a worker starts without webpack.

import { writeFileSync } from 'node:fs';
import { bundleCaseWorkflows, WORKFLOW_BUNDLE_PATH } from '@libs/temporal/temporal';

async function main(): Promise<void> {
  const code = await bundleCaseWorkflows(quietLogger());
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle: ${WORKFLOW_BUNDLE_PATH} (${Math.round(code.length / 1024)} KiB)`);
}

function quietLogger() {
  const noop = () => undefined;
  return { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
