import { Writable } from 'node:stream';
import { createLogger } from '@libs/logging';
import { temporalLogTo } from './temporal-log';

describe('temporalLogTo', () => {
  it("writes the SDK's entry as a JSON line with its case, its fields and the error masked", () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const caseId = 'abc48fae-6293-4add-8000-e852b09d43e5';
    temporalLogTo(createLogger('worker', { level: 'info', destination }))({
      level: 'WARN',
      timestampNanos: 1_764_000_000_000n * 1_000_000n,
      message: 'Activity failed',
      meta: {
        workflowId: `householdCase-${caseId}`,
        activityType: 'recordDecision',
        error: new Error('Key (id_number)=(370323198001010018) already exists; 13812345678'),
      },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      process: 'worker',
      level: 'warn',
      msg: 'Activity failed',
      caseId,
      activityType: 'recordDecision',
      err: { type: 'Error', message: expect.stringContaining('370323********0018') },
    });
    const text = JSON.stringify(lines[0]);
    expect(text).toContain('138****5678');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });
});
