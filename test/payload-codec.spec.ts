// Temporal's store holds no personal data in clear: a case started and surveyed through the API, its
// workflow history read raw (a client without the codec, as anyone with access to Temporal's database or
// UI would see it) shows no ID number, income, name or illness note; the platform's codec opens it. The
// same for failures: their messages and stack traces are encrypted, and the platform reads them decoded.

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataCheckWorkflowId, householdCaseWorkflowId } from '@libs/contracts';
import { maskIdNumber } from '@libs/domain';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, casePayloadCodec, payloadKeyId } from '@libs/temporal';
import { syntheticIdNumber } from '../scripts/lib/synthetic-households';
import { createCounty } from './support/county';
import * as forms from './support/forms';
import { mapJsonPayloads, recordHistory } from './support/histories';
import { Lifecycle } from './support/lifecycle';
import { eventually, type Platform, startPlatform, testEnv } from './support/platform';

let platform: Platform;
let raw: Client;

beforeAll(async () => {
  platform = await startPlatform();
  raw = new Client({ connection: await Connection.connect({ address: testEnv().temporalAddress }) });
});

afterAll(async () => {
  await raw?.connection.close();
  await platform?.stop();
});

// Incomes no timestamp or id of the history could contain as a JSON number after a field name.
const WAGES = [86_421, 97_531];
const NOTES = '户主患尿毒症，每周透析三次';

/** The history as JSON with each payload's bytes shown as the text they hold (what a reader of the store sees). */
function readable(history: unknown): string {
  return JSON.stringify(history, (_key, value) =>
    value && typeof value === 'object' && value.metadata && typeof value.data === 'string'
      ? { ...value, data: Buffer.from(value.data, 'base64').toString('utf8') }
      : value,
  );
}

/** The failures in a history (JSON): every object with a failure's kind (applicationFailureInfo and the like). */
function failures(node: unknown): Record<string, any>[] {
  if (!node || typeof node !== 'object') return [];
  const own = Object.keys(node).some((key) => key.endsWith('FailureInfo'))
    ? [node as Record<string, any>]
    : [];
  return [...own, ...Object.values(node).flatMap(failures)];
}

const SDK_OWN = /\.searchAttributes\.|\.markerRecordedEventAttributes\.details\.(data|patch-data)\./;

/** Where the history holds a payload that is not encrypted (JSON path, with its encoding). */
function plainPayloads(node: unknown, path: string): string[] {
  if (!node || typeof node !== 'object') return [];
  const { metadata } = node as { metadata?: { encoding?: unknown } };
  if (metadata && typeof metadata.encoding === 'string') {
    const encoding = Buffer.from(metadata.encoding, 'base64').toString();
    return encoding === ENCRYPTED_ENCODING ? [] : [`${path} (${encoding})`];
  }
  return Object.entries(node).flatMap(([key, value]) => plainPayloads(value, `${path}.${key}`));
}

describe('workflow payloads in Temporal', () => {
  it('are encrypted: the raw histories of a checked and surveyed case hold no ID number, name, income or illness in clear', async () => {
    // A county with one department in the data check: the request carries the members' names and ID numbers.
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [{ department: 'civilAffairs', connector: 'inbox' }],
    });
    const lifecycle = new Lifecycle(platform);
    const { caseId, application } = await lifecycle.apply(county, {
      members: [
        { name: '加密测试户主', idNumber: syntheticIdNumber(1960), relation: 'head', annualIncome: WAGES[0] },
        {
          name: '加密测试配偶',
          idNumber: syntheticIdNumber(1962),
          relation: 'spouse',
          annualIncome: WAGES[1],
        },
      ],
    });
    await lifecycle.answerDataCheck(county, caseId, ['civilAffairs']);
    await lifecycle.survey(
      county,
      caseId,
      application,
      forms.homeSurvey(application.members, { notes: NOTES }),
    );
    await lifecycle.openTask(caseId, 'democraticAppraisal');

    // The case's workflow and its data check's, as stored.
    const history = await Promise.all(
      [householdCaseWorkflowId(caseId), dataCheckWorkflowId(caseId, 1)].map(async (workflowId) =>
        JSON.parse(historyToJSON(await raw.workflow.getHandle(workflowId).fetchHistory())),
      ),
    );
    // An income is a number on its own: not the digits inside another, such as an event time's nanos
    // (`"nanos":864210000` holds `:86421`).
    const secrets = [
      ...application.members.flatMap((m) => [m.idNumber, m.name]),
      NOTES,
      ...WAGES.map((w) => new RegExp(`(?<![\\d.])${w}(?!\\d)`)),
    ];
    const foundIn = (text: string) =>
      secrets.filter((secret) => (typeof secret === 'string' ? text.includes(secret) : secret.test(text)));

    // With the platform's codec the history opens, and these very strings are in it: the check below can see them.
    const codec = casePayloadCodec(platform.config);
    const decodedHistory = mapJsonPayloads(history, (payload) => codec.decodePayload(payload)) as unknown[];
    const opened = readable(decodedHistory);
    expect(foundIn(opened)).toEqual(secrets);

    // Raw, none of them.
    const stored = readable(history);
    expect(foundIn(stored)).toEqual([]);
    // Every payload is encrypted with the configured key, but the search attributes (the server's index: stage,
    // village, urgency) and the SDK's own marker bookkeeping (patch ids, local activity sequence numbers).
    expect(plainPayloads(history, '').filter((path) => !SDK_OWN.test(path))).toEqual([]);
    const { input } = history[0].events[0].workflowExecutionStartedEventAttributes;
    expect(Buffer.from(input.payloads[0].metadata[KEY_ID_METADATA], 'base64').toString()).toBe(
      payloadKeyId(platform.config.temporal.payloadKeys.current!),
    );
    // The platform's codec opens the input: the workflow's own.
    const decoded = mapJsonPayloads(input, (payload) => codec.decodePayload(payload)) as {
      payloads: { data: string }[];
    };
    expect(JSON.parse(Buffer.from(decoded.payloads[0].data, 'base64').toString())).toMatchObject({
      caseId,
      jurisdictions: { villageId: county.villageId },
    });
    // Decoded as recordHistory saves a fixture, the history replays without the key (the replay test's way).
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: testEnv().workflowBundle } },
      decodedHistory[0],
      householdCaseWorkflowId(caseId),
    );
  });
});

describe('failures in Temporal', () => {
  it('are encrypted: a department answer and a database error quoting ID numbers are opaque in the raw histories, and the platform reads them', async () => {
    // The department's endpoint breaks off its answer after the head's ID number: not JSON, and the
    // activity's failure quotes the start of it.
    const department = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const { requestId, members } = JSON.parse(raw);
        const head = members.find((m: { relation: string }) => m.relation === 'head');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"requestId":"${requestId}","hits":[{"idNumber":"${head.idNumber}","category":`);
      });
    });
    await new Promise<void>((resolve) => department.listen(0, '127.0.0.1', resolve));
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [
        {
          department: 'housing',
          connector: 'http',
          endpoint: `http://127.0.0.1:${(department.address() as AddressInfo).port}/check`,
        },
      ],
    });
    const lifecycle = new Lifecycle(platform);
    const { caseId, application } = await lifecycle.apply(county);
    const [head, other] = application.members;
    // The malformed answer fails the request at once: a person at 住建 answers instead.
    await lifecycle.answerDataCheck(county, caseId, ['housing']);
    await new Promise((resolve) => department.close(resolve));

    // The database refuses the survey's decision, then the appraisal's opening, with a message that quotes
    // another member's ID number: the Update fails (its failure made by the workflow), then the step raises
    // an incident (its failure made by the worker).
    const message = `成员 ${other.idNumber} 的任务无法写入`;
    const fault = `spec_fault_${randomUUID().replace(/-/g, '')}`;
    await platform.ownerDataSource.query(
      `CREATE FUNCTION ${fault}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '${message}' USING ERRCODE = 'check_violation'; END $$`,
    );
    const refuse = async (operation: 'INSERT' | 'UPDATE', when: string) => {
      await platform.ownerDataSource.query(
        `CREATE TRIGGER ${fault} BEFORE ${operation} ON tasks FOR EACH ROW
         WHEN (NEW.case_id = '${caseId}' AND ${when}) EXECUTE FUNCTION ${fault}()`,
      );
      return () => platform.ownerDataSource.query(`DROP TRIGGER ${fault} ON tasks`);
    };
    try {
      const survey = await lifecycle.openTask(caseId, 'homeSurvey');
      const allow = await refuse('UPDATE', `NEW.id = '${survey}' AND NEW.status = 'completed'`);
      const refused = await county.caseworker.post(`/tasks/${encodeURIComponent(survey)}/complete`, {
        decision: 'approve',
        form: forms.homeSurvey(application.members),
      });
      expect(refused).toMatchObject({ status: 400, body: { code: 'DECISION_NOT_STORABLE' } });
      await allow();
      const allowAppraisal = await refuse('INSERT', `NEW.kind = 'democraticAppraisal'`);
      await lifecycle.survey(county, caseId, application);
      // The platform reads the message: the workflow decoded the activity's failure, the incident shows it
      // (the API masks the ID number, as everywhere).
      const incident = await eventually(async () => {
        const [item] = (await county.admin.get(`/incidents?caseId=${caseId}`)).body.items ?? [];
        return item;
      });
      await allowAppraisal();
      expect(incident).toMatchObject({ step: 'openTask', errorType: 'SQLSTATE 23514' });
      expect(incident.error).toContain(`成员 ${maskIdNumber(other.idNumber)} 的任务无法写入`);
    } finally {
      await platform.ownerDataSource.query(`DROP TRIGGER IF EXISTS ${fault} ON tasks`);
      await platform.ownerDataSource.query(`DROP FUNCTION ${fault}()`);
    }

    const [dataCheck, caseHistory] = await Promise.all(
      [dataCheckWorkflowId(caseId, 1), householdCaseWorkflowId(caseId)].map(async (workflowId) =>
        JSON.parse(historyToJSON(await raw.workflow.getHandle(workflowId).fetchHistory())),
      ),
    );
    // Raw, no ID number; every failure says only "Encoded failure", with no stack trace: its message and
    // stack are in an encrypted payload.
    const stored = readable([dataCheck, caseHistory]);
    expect([head.idNumber, other.idNumber].filter((idNumber) => stored.includes(idNumber))).toEqual([]);
    const found = failures([dataCheck, caseHistory]);
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(
      found.map((failure) => ({
        message: failure.message,
        stackTrace: failure.stackTrace ?? '',
        encoding: Buffer.from(failure.encodedAttributes?.metadata?.encoding ?? '', 'base64').toString(),
      })),
    ).toEqual(
      found.map(() => ({ message: 'Encoded failure', stackTrace: '', encoding: ENCRYPTED_ENCODING })),
    );
    // Opened with the platform's codec, they are the 住建 answer and the database error, stacks included.
    const codec = casePayloadCodec(platform.config);
    const decode = (history: unknown) => mapJsonPayloads(history, (payload) => codec.decodePayload(payload));
    const opened = (history: unknown) =>
      failures(decode(history)).map((failure) =>
        JSON.parse(Buffer.from(failure.encodedAttributes.data, 'base64').toString()),
      );
    expect(opened(dataCheck)).toEqual([
      {
        message: expect.stringContaining(`应答不是合法的 JSON：{"requestId":`),
        stack_trace: expect.stringContaining('department-endpoint'),
      },
    ]);
    expect(opened(dataCheck)[0].message).toContain(`"idNumber":"${head.idNumber}"`);
    // The survey's write (its activity's failure), the Update's failure the workflow made of it, the
    // appraisal's opening.
    expect(opened(caseHistory)).toEqual([
      { message, stack_trace: expect.stringContaining('activity-failures') },
      { message, stack_trace: expect.stringContaining('decisionNotRecorded') },
      { message, stack_trace: expect.stringContaining('activity-failures') },
    ]);

    // Decoded as recordHistory saves a fixture, a history with encoded failures replays without the key.
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: testEnv().workflowBundle } },
      decode(caseHistory),
      householdCaseWorkflowId(caseId),
    );
    recordHistory('failure-encoded-incident', caseId);
  });
});
