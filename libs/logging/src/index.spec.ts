import { Writable } from 'node:stream';
import { addLogFields, caseIdOf, createLogger, logLevel, withLogFields } from '.';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('spec', { level: 'info', destination }) };
}

const ID_NUMBER = '370323197803150018';

describe('createLogger', () => {
  it('writes one JSON object a line with the process, level and time', () => {
    const { lines, logger } = capture();
    logger.info({ caseId: 'c1' }, 'hello');
    expect(lines[0]).toMatchObject({ process: 'spec', level: 'info', caseId: 'c1', msg: 'hello' });
    expect(typeof lines[0].time).toBe('string');
  });

  it('masks ID numbers and phones in messages, objects, errors and child bindings alike', () => {
    const { lines, logger } = capture();
    logger.warn(`refused ${ID_NUMBER}`);
    logger.info({ member: { idNumber: ID_NUMBER, phone: '13805331234' } }, 'member');
    const error = new Error(`duplicate key (id_number)=(${ID_NUMBER})`);
    logger.error({ err: error }, 'failed');
    logger.error(error);
    logger.child({ requestId: 'r1' }).info('text %s', ID_NUMBER);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain('13805331234');
    expect(text).toContain('370323********0018');
    expect(lines[2]).toMatchObject({
      err: { type: 'Error', message: expect.stringContaining('370323********0018') },
    });
    expect((lines[2].err as { stack: string }).stack).toContain('index.spec.ts');
    expect(lines[4]).toMatchObject({ requestId: 'r1' });
  });

  it("leaves other objects (a request, with its cycles) to pino's serialisers", () => {
    const { lines, logger } = capture();
    class Socket {
      self = this;
      toJSON() {
        return 'socket';
      }
    }
    logger.info({ socket: new Socket(), income: 5234 }, 'request');
    expect(lines[0]).toMatchObject({ socket: 'socket', income: '5000–6000元' });
  });
});

describe('withLogFields', () => {
  it('puts the fields of the work in progress on its lines, with those added meanwhile, and on no other', async () => {
    const { lines, logger } = capture();
    await withLogFields({ requestId: 'r1' }, async () => {
      logger.info('before');
      await Promise.resolve();
      addLogFields({ userId: 'u1' });
      logger.warn({ caseId: 'c1' }, 'after');
    });
    logger.info('outside');
    addLogFields({ userId: 'nobody' });
    expect(lines[0]).toMatchObject({ requestId: 'r1', msg: 'before' });
    expect(lines[0]).not.toHaveProperty('userId');
    expect(lines[1]).toMatchObject({ requestId: 'r1', userId: 'u1', caseId: 'c1', msg: 'after' });
    expect(lines[2]).not.toHaveProperty('requestId');
    expect(lines[2]).not.toHaveProperty('userId');
  });
});

describe('caseIdOf', () => {
  it("takes the case's id from a workflow or task id", () => {
    const id = 'abc48fae-6293-4add-8000-e852b09d43e5';
    expect(caseIdOf(`householdCase-${id}`)).toBe(id);
    expect(caseIdOf(`${id}:p1m2:measureAcceptance:1`)).toBe(id);
    expect(caseIdOf('outbox')).toBeUndefined();
    expect(caseIdOf(undefined)).toBeUndefined();
  });
});

describe('logLevel', () => {
  it('defaults to info and refuses what pino does not know, naming the setting', () => {
    expect(logLevel(undefined)).toBe('info');
    expect(logLevel('warn')).toBe('warn');
    expect(() => logLevel('loud')).toThrow(/LOG_LEVEL/);
  });
});
