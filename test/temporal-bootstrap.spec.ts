// libs/temporal against the run's real dev server: finding the CLI and registering search attributes.

import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { CASE_SEARCH_ATTRIBUTES } from '@libs/contracts';
import { ensureSearchAttributes, findTemporalCli } from '@libs/temporal';
import { eventually, testEnv } from './support/platform';

describe('findTemporalCli', () => {
  it('names TEMPORAL_CLI_PATH when it is not an executable', () => {
    expect(() => findTemporalCli('/no/such/temporal', process.cwd())).toThrow(/TEMPORAL_CLI_PATH/);
  });

  it('uses the configured CLI when it is one', () => {
    const cli = process.env.TEST_TEMPORAL_CLI;
    if (!cli) return; // the run downloaded its server: nothing on disk to point at
    expect(findTemporalCli(cli, process.cwd())).toBe(cli);
  });
});

describe('ensureSearchAttributes', () => {
  it('registers the case search attributes on a namespace that lacks them, once', async () => {
    const { temporalAddress } = testEnv();
    const namespace = `bootstrap-${Date.now()}`;
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
      // A new namespace takes a moment to become visible to the operator service.
      const added = await eventually(() =>
        ensureSearchAttributes({ address: temporalAddress, namespace }).catch(() => undefined),
      );
      expect(added.sort()).toEqual(CASE_SEARCH_ATTRIBUTES.map((key) => key.name).sort());
      expect(await ensureSearchAttributes({ address: temporalAddress, namespace })).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});
