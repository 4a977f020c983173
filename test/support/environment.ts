// The integration specs' jest environment: Node's, telling the spec's hooks when the current test began
// (testStartedAt) and whether it failed (testFailed), so a browser spec can keep what its pages saw during a
// test when, and only when, it fails.

import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

/** The globals the environment sets as each test starts, and when it fails. */
const TEST_FAILED = '__integrationTestFailed';
const TEST_STARTED_AT = '__integrationTestStartedAt';

export default class IntegrationEnvironment extends NodeEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_start') {
      this.global[TEST_FAILED] = false;
      this.global[TEST_STARTED_AT] = Date.now();
    }
    if (event.name === 'test_fn_failure' || (event.name === 'hook_failure' && event.test)) {
      this.global[TEST_FAILED] = true;
    }
  }
}

/** Whether the test whose afterEach hooks run now has failed (its body or a hook of its own). */
export const testFailed = (): boolean => (globalThis as Record<string, unknown>)[TEST_FAILED] === true;

/** When the current test began (its beforeEach hooks included), in ms since the epoch; 0 outside a test. */
export const testStartedAt = (): number =>
  Number((globalThis as Record<string, unknown>)[TEST_STARTED_AT] ?? 0);
