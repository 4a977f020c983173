// Temporal's store holds no personal data in clear: a case started and surveyed through the API, its
// workflow history read raw (a client without the codec, as anyone with access to Temporal's database or
// UI would see it) shows no ID number, income, name or illness note; the platform's codec opens it.

import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataCheckWorkflowId, householdCaseWorkflowId } from '../libs/contracts/src';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, casePayloadCodec, payloadKeyId } from '../libs/temporal/src';
import { syntheticIdNumber } from '../scripts/lib/synthetic-households';
import { createCounty } from './support/county';
import * as forms from './support/forms';
import { mapJsonPayloads } from './support/histories';
import { Lifecycle } from './support/lifecycle';
import { type Platform, startPlatform, testEnv } from './support/platform';

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
    const secrets = [
      ...application.members.flatMap((m) => [m.idNumber, m.name]),
      NOTES,
      ...WAGES.map((w) => `:${w}`),
    ];

    // With the platform's codec the history opens, and these very strings are in it: the check below can see them.
    const codec = casePayloadCodec(platform.config);
    const decodedHistory = mapJsonPayloads(history, (payload) => codec.decodePayload(payload)) as unknown[];
    const opened = readable(decodedHistory);
    const inOpened = secrets.filter((secret) => opened.includes(secret));
    expect(inOpened).toEqual(secrets);

    // Raw, none of them.
    const stored = readable(history);
    expect(secrets.filter((secret) => stored.includes(secret))).toEqual([]);
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
