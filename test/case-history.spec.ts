// 全程留痕 (issue #14): one GET /cases/:id/history answers who approved the case, when, in which role, on what
// evidence (the form, the attachments by name with their links), and what was overridden, by whom and why;
// reveals of personal data, reassignments and urgent marks are in it too, everything masked.

import { createCounty, type TestCounty } from './support/county';
import { startCountyPlatform } from './support/county-platform';
import * as forms from './support/forms';
import type { Lifecycle } from './support/lifecycle';
import { type ApiClient, type Platform } from './support/platform';

interface HistoryEvent {
  id: number;
  action: string;
  kind: string;
  flagged: boolean;
  entityId: string;
  occurredAt: string;
  actor: { username: string; role: string; jurisdictionId: string };
  before: Record<string, any> | null;
  after: Record<string, any> | null;
  reason: string | null;
  attachments: { id: string; fileName: string | null; href: string | null }[];
}

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const OVERRIDE_REASON = '经核实为2008年的三轮车，已无价值';

let platform: Platform;
let lifecycle: Lifecycle;
let county: TestCounty;

beforeAll(async () => {
  ({ platform, lifecycle, county } = await startCountyPlatform({
    departments: [{ department: 'vehicles', connector: 'inbox' }],
  }));
});

afterAll(async () => {
  await platform?.stop();
});

async function upload(client: ApiClient, caseId: string, fileName: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), fileName);
  const response = await client.postForm(`/cases/${caseId}/attachments`, form);
  expect(response.status).toBe(201);
  return response.body.id;
}

it('answers who approved, when, on what evidence, and what was overridden, in one request', async () => {
  const { caseId, application } = await lifecycle.apply(county);
  await lifecycle.answerDataCheck(county, caseId, ['vehicles'], {
    vehicles: [{ category: 'vehicle', idNumber: application.members[0].idNumber, detail: '登记机动车一辆' }],
  });
  const review = await lifecycle.openTask(caseId, 'hitReview');
  const tricycle = await upload(county.officer, caseId, '三轮车.png');
  await lifecycle.complete(county.officer, review, {
    decision: 'approve',
    reason: OVERRIDE_REASON,
    form: { attachmentIds: [tricycle] },
  });

  const survey = await lifecycle.openTask(caseId, 'homeSurvey');
  expect((await county.caseworker.post(`/tasks/${encodeURIComponent(survey)}/claim`, {})).status).toBe(200);
  const photo = await upload(county.caseworker, caseId, '入户照片.png');
  await lifecycle.complete(county.caseworker, survey, {
    decision: 'approve',
    form: forms.homeSurvey(application.members, { attachmentIds: [photo] }),
  });
  const urgent = await county.supervisor.post(`/supervision/cases/${caseId}/mark-urgent`, {
    reason: '群众反映生活困难，加快办理',
  });
  expect(urgent.status).toBe(200);
  const reveal = await county.inspector.get(
    `/cases/${caseId}/personal-data?fields=idNumber&reason=${encodeURIComponent('核查比对命中')}`,
  );
  expect(reveal.status).toBe(200);

  const response = await county.inspector.get(`/cases/${caseId}/history`);
  expect(response.status).toBe(200);
  const history = response.body as HistoryEvent[];
  const ids = history.map((e) => e.id);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);

  // The override: who, in which role, why, the hits set aside and the photo it rests on, flagged.
  const override = history.find((e) => e.action === 'dataCheck.overridden')!;
  expect(override).toMatchObject({
    kind: 'override',
    flagged: true,
    reason: OVERRIDE_REASON,
    actor: { role: 'countyOfficer', jurisdictionId: county.countyId },
    before: { disqualifyingHits: [expect.objectContaining({ category: 'vehicle' })] },
    attachments: [{ id: tricycle, fileName: '三轮车.png', href: `/cases/${caseId}/attachments/${tricycle}` }],
  });
  const reviewed = history.find((e) => e.action === 'task.completed' && e.entityId === review)!;
  expect(reviewed).toMatchObject({ kind: 'decision', flagged: false, after: { decision: 'approve' } });

  // The survey's approval: by the caseworker who claimed it, with the form and the photo it cites.
  const surveyed = history.find((e) => e.action === 'task.completed' && e.entityId === survey)!;
  expect(surveyed).toMatchObject({
    kind: 'decision',
    actor: { role: 'caseworker', jurisdictionId: county.villageId },
    after: { decision: 'approve', form: expect.objectContaining({ surveyedOn: expect.any(String) }) },
    attachments: [{ id: photo, fileName: '入户照片.png' }],
  });
  expect(Date.parse(surveyed.occurredAt)).not.toBeNaN();
  expect(history.find((e) => e.action === 'task.claimed' && e.entityId === survey)).toMatchObject({
    kind: 'reassignment',
    actor: { username: surveyed.actor.username },
  });
  expect(history.find((e) => e.action === 'case.markedUrgent')).toMatchObject({
    kind: 'urgency',
    actor: { role: 'supervisor' },
    before: { urgent: false },
    after: { urgent: true },
    reason: '群众反映生活困难，加快办理',
  });
  expect(history.find((e) => e.action === 'personalData.revealed')).toMatchObject({
    kind: 'personalData',
    actor: { role: 'inspector' },
    reason: '核查比对命中',
  });

  // Masked as everywhere: no ID number, no exact income.
  const text = JSON.stringify(history);
  expect(text).not.toMatch(/\d{17}[\dX]/);
  expect(surveyed.after!.form.incomes[0].wages).toMatch(/元$/);

  // The link fetches the file.
  const file = await county.inspector.getBytes(override.attachments[0].href!);
  expect(file.status).toBe(200);
  expect(file.bytes.equals(PNG)).toBe(true);

  // Another county's inspector learns nothing of it.
  const other = await createCounty(platform.dataSource, platform.baseUrl);
  expect((await other.inspector.get(`/cases/${caseId}/history`)).status).toBe(404);
});
