// Cases survive a restart: the dev server keeps its state in SQLite under the data directory, so a case
// started before a stop goes on after the next start with its tasks where they were.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '@libs/temporal';
import { freePort } from '../scripts/lib/free-port';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { ApiClient, startPlatform } from './support/platform';

const dataDir = mkdtempSync(join(tmpdir(), 'changxiao-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function withPlatform<T>(
  port: number,
  taskQueue: string,
  body: (caseworker: ApiClient) => Promise<T>,
): Promise<T> {
  const server = await startDevServer({
    cliPath: process.env.TEST_TEMPORAL_CLI || undefined,
    port,
    namespace: 'default',
    dataDir,
    log: () => undefined,
  });
  const platform = await startPlatform({ temporalAddress: server.address, taskQueue });
  try {
    return await body(await ApiClient.login(platform.baseUrl, 'cw_dongli_east'));
  } finally {
    await platform.stop();
    await server.stop();
  }
}

it('keeps a case and its open task across a stop and a start of the server and the platform', async () => {
  const port = await freePort();
  const taskQueue = `restart-${port}`;
  const caseId = await withPlatform(port, taskQueue, async (caseworker) => {
    const application = syntheticApplication();
    const { body: created } = await caseworker.post('/cases', application);
    const done = await caseworker.post(`/tasks/${created.id}:homeSurvey:1/complete`, {
      decision: 'approve',
      form: forms.homeSurvey(application.members),
    });
    expect(done.body.case.stage).toBe('democraticAppraisal');
    return created.id as string;
  });

  await withPlatform(port, taskQueue, async (caseworker) => {
    const inbox = await caseworker.get('/tasks?kind=democraticAppraisal&limit=100');
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(`${caseId}:democraticAppraisal:1`);
    const next = await caseworker.post(`/tasks/${caseId}:democraticAppraisal:1/complete`, {
      decision: 'approve',
      form: forms.meeting(),
    });
    expect(next.status).toBe(200);
    expect(next.body.case.openTasks).toEqual([
      expect.objectContaining({ taskId: `${caseId}:publicNotice:1` }),
    ]);
  });
});
