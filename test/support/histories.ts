import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { householdCaseWorkflowId } from '../../libs/contracts/src';
import { testEnv } from './platform';

/** Recorded workflow histories that every version of the workflow code must keep replaying. */
export const HISTORIES = join(__dirname, '..', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a case's workflow history (as the CLI exports it) as a replay fixture; the
 * latest run of the case's own workflow, or of another workflow of it (its data check, a measure).
 */
export function recordHistory(
  name: string,
  caseId: string,
  workflowId = householdCaseWorkflowId(caseId),
): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const json = execFileSync(process.env.TEST_TEMPORAL_CLI!, [
    'workflow',
    'show',
    '--address',
    testEnv().temporalAddress,
    '--workflow-id',
    workflowId,
    '--output',
    'json',
  ]);
  mkdirSync(HISTORIES, { recursive: true });
  writeFileSync(join(HISTORIES, `${name}.json`), json);
}
