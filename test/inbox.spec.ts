// The inbox: filters, sorts, keyset pages and tab counts; claims with optimistic locking (also under
// concurrency), assignment, delegation, bulk operations; 优亲厚友 refusal; read-only inspectors.

import { syntheticApplication } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

// A village of its own so other specs' tasks never mix into these inboxes.
const VILLAGE = '370323104203'; // 姚南峪村
let platform: Platform;
let caseworkerA: ApiClient;
let caseworkerB: ApiClient;
let userB: { id: string };
let supervisor: ApiClient;

beforeAll(async () => {
  platform = await startPlatform();
  const a = await createUser(platform.dataSource, 'caseworker', VILLAGE);
  userB = await createUser(platform.dataSource, 'caseworker', VILLAGE);
  caseworkerA = await ApiClient.login(platform.baseUrl, a.username);
  caseworkerB = await ApiClient.login(platform.baseUrl, (await userName(userB.id))!);
  supervisor = await ApiClient.login(platform.baseUrl, 'sup_dongli');
});

afterAll(async () => {
  await platform?.stop();
});

async function userName(id: string): Promise<string | undefined> {
  const [row] = await platform.dataSource.query('SELECT username FROM users WHERE id = $1', [id]);
  return row?.username;
}

// Each opened survey's approval, with a valid form for its household.
const approvals = new Map<string, Record<string, unknown>>();

async function openSurvey(urgent = false): Promise<string> {
  const application = syntheticApplication(VILLAGE, { urgent });
  const created = await caseworkerA.post('/cases', application);
  expect(created.status).toBe(201);
  const taskId = `${created.body.id}:homeSurvey:1`;
  approvals.set(taskId, { decision: 'approve', form: forms.homeSurvey(application.members) });
  return taskId;
}

const approval = (taskId: string) => approvals.get(taskId)!;

async function auditActions(taskId: string): Promise<string[]> {
  const rows = await platform.dataSource.query(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [taskId],
  );
  return rows.map((r: { action: string }) => r.action);
}

describe('inbox queries', () => {
  let ids: string[];
  let urgentId: string;

  beforeAll(async () => {
    ids = [await openSurvey(), await openSurvey(), await openSurvey()];
    urgentId = await openSurvey(true);
  });

  it('puts urgent tasks first, then the soonest due', async () => {
    const inbox = await caseworkerA.get(`/tasks?villageId=${VILLAGE}&limit=100`);
    const listed = inbox.body.items.map((t: { id: string }) => t.id);
    expect(listed[0]).toBe(urgentId);
    const dueTimes = inbox.body.items.slice(1).map((t: { dueAt: string }) => t.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
  });

  it('pages with a cursor through every task once, in order, for each sort', async () => {
    for (const sort of ['urgency', 'priority', 'due']) {
      const all = (
        await caseworkerA.get(`/tasks?villageId=${VILLAGE}&sort=${sort}&limit=100`)
      ).body.items.map((t: { id: string }) => t.id);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/tasks?villageId=${VILLAGE}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await caseworkerA.get(query);
        expect(page.status).toBe(200);
        paged.push(...page.body.items.map((t: { id: string }) => t.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all).toEqual(expect.arrayContaining([...ids, urgentId]));
    }
  });

  it('filters by urgency, kind, overdue and due time', async () => {
    const urgent = await caseworkerA.get(`/tasks?villageId=${VILLAGE}&urgent=true`);
    expect(urgent.body.items.map((t: { id: string }) => t.id)).toEqual([urgentId]);
    const appraisals = await caseworkerA.get(`/tasks?villageId=${VILLAGE}&kind=democraticAppraisal`);
    expect(appraisals.body.items).toEqual([]);
    expect((await caseworkerA.get(`/tasks?villageId=${VILLAGE}&overdue=true`)).body.items).toEqual([]);
    const soon = await caseworkerA.get(`/tasks?villageId=${VILLAGE}&dueBefore=2000-01-01T00:00:00Z`);
    expect(soon.body.items).toEqual([]);
  });

  it('refuses bad filters with the field named', async () => {
    for (const query of [
      'urgent=maybe',
      'sort=random',
      'assignment=theirs',
      'limit=1000',
      'cursor=garbage',
      'dueBefore=soon',
    ]) {
      const response = await caseworkerA.get(`/tasks?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe(query.split('=')[0]);
    }
  });

  it('counts the tabs over the whole scope', async () => {
    await caseworkerA.post(`/tasks/${ids[0]}/claim`, {});
    const counts = await caseworkerA.get('/tasks/counts');
    expect(counts.body).toMatchObject({ total: 4, mine: 1, unassigned: 3, overdue: 0, urgent: 1 });
    await caseworkerA.post(`/tasks/${ids[0]}/unclaim`, {});
  });
});

describe('claims', () => {
  it('lets exactly one of two concurrent claims win; the other is told who holds the task', async () => {
    const taskId = await openSurvey();
    const [a, b] = await Promise.all([
      caseworkerA.post(`/tasks/${taskId}/claim`, {}),
      caseworkerB.post(`/tasks/${taskId}/claim`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.body.holder).toEqual({ id: winner.body.assigneeId, name: winner.body.assigneeName });
    expect(loser.body.message).toContain(winner.body.assigneeName);
    expect((await auditActions(taskId)).filter((action) => action === 'task.claimed')).toHaveLength(1);
  });

  it('refuses a claim made on a stale version', async () => {
    const taskId = await openSurvey();
    const seen = (await caseworkerA.get(`/tasks/${taskId}`)).body.version;
    expect((await caseworkerA.post(`/tasks/${taskId}/claim`, { version: seen })).status).toBe(200);
    expect((await caseworkerA.post(`/tasks/${taskId}/unclaim`, {})).status).toBe(200);
    const stale = await caseworkerB.post(`/tasks/${taskId}/claim`, { version: seen });
    expect(stale.status).toBe(409);
    expect(stale.body.version).toBe(seen + 2);
  });

  it('only the holder decides a claimed task, and the inbox filters by holder', async () => {
    const taskId = await openSurvey();
    await caseworkerB.post(`/tasks/${taskId}/claim`, {});
    const byOther = await caseworkerA.post(`/tasks/${taskId}/complete`, approval(taskId));
    expect(byOther.status).toBe(409);
    expect(byOther.body.code).toBe('TASK_HELD');
    const mine = await caseworkerB.get(`/tasks?assignment=mine&limit=100`);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    const unassigned = await caseworkerA.get(`/tasks?assignment=unassigned&limit=100`);
    expect(unassigned.body.items.map((t: { id: string }) => t.id)).not.toContain(taskId);
    expect((await caseworkerB.post(`/tasks/${taskId}/complete`, approval(taskId))).status).toBe(200);
  });

  it('a supervisor assigns to an eligible person only; a caseworker may not assign', async () => {
    const taskId = await openSurvey();
    expect((await caseworkerA.post(`/tasks/${taskId}/assign`, { userId: userB.id })).status).toBe(403);
    const assigned = await supervisor.post(`/tasks/${taskId}/assign`, { userId: userB.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(userB.id);
    const [reviewer] = await platform.dataSource.query(`SELECT id FROM users WHERE username = 'tr_dongli'`);
    const wrongRole = await supervisor.post(`/tasks/${taskId}/assign`, { userId: reviewer.id });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.errors[0].field).toBe('userId');
    expect(await auditActions(taskId)).toEqual(['task.opened', 'task.assigned']);
  });

  it('the holder delegates to a colleague; nobody else can', async () => {
    const taskId = await openSurvey();
    expect((await caseworkerA.post(`/tasks/${taskId}/delegate`, { userId: userB.id })).status).toBe(403);
    await caseworkerA.post(`/tasks/${taskId}/claim`, {});
    const delegated = await caseworkerA.post(`/tasks/${taskId}/delegate`, { userId: userB.id });
    expect(delegated.status).toBe(200);
    expect(delegated.body.assigneeId).toBe(userB.id);
    expect(await auditActions(taskId)).toEqual(['task.opened', 'task.claimed', 'task.delegated']);
  });

  it('bulk claim reports each task, and a refusal does not stop the rest', async () => {
    const free = await openSurvey();
    const held = await openSurvey();
    await caseworkerB.post(`/tasks/${held}/claim`, {});
    const result = await caseworkerA.post('/tasks/bulk-claim', { taskIds: [free, held, 'no-such-task'] });
    expect(result.status).toBe(200);
    expect(result.body).toEqual([
      { taskId: free, ok: true },
      expect.objectContaining({ taskId: held, ok: false, code: 'TASK_CHANGED' }),
      expect.objectContaining({ taskId: 'no-such-task', ok: false, code: 'TASK_NOT_FOUND' }),
    ]);
    const bulkAssign = await supervisor.post('/tasks/bulk-assign', { taskIds: [free], userId: userB.id });
    expect(bulkAssign.body).toEqual([{ taskId: free, ok: true }]);
  });
});

describe('favouritism and read-only roles', () => {
  it('refuses a decision on a declared relative’s case and audits the attempt', async () => {
    const body = syntheticApplication(VILLAGE);
    const created = await caseworkerA.post('/cases', body);
    const taskId = `${created.body.id}:homeSurvey:1`;
    await platform.dataSource.query(
      `INSERT INTO user_relatives (user_id, id_number, name, relation) VALUES ($1, $2, $3, 'sibling')`,
      [userB.id, body.members[0].idNumber, body.members[0].name],
    );
    const refused = await caseworkerB.post(`/tasks/${taskId}/complete`, {
      decision: 'approve',
      form: forms.homeSurvey(body.members),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FAVOURITISM');
    const [event] = await platform.dataSource.query(
      `SELECT actor_id, reason FROM audit_events WHERE entity_id = $1 AND action = 'task.relativeRefused'`,
      [taskId],
    );
    expect(event).toEqual({ actor_id: userB.id, reason: expect.stringContaining(body.members[0].name) });
    const task = await caseworkerA.get(`/tasks/${taskId}`);
    expect(task.body.status).toBe('open');
  });

  it('an inspector reads every task in the county and changes nothing', async () => {
    const taskId = await openSurvey();
    const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
    expect((await inspector.get(`/tasks/${taskId}`)).status).toBe(200);
    const listed = await inspector.get(`/tasks?villageId=${VILLAGE}&limit=100`);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    for (const path of [`/tasks/${taskId}/claim`, `/tasks/${taskId}/complete`, '/tasks/bulk-claim']) {
      const response = await inspector.post(path, { decision: 'approve', taskIds: [taskId] });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('READ_ONLY_ROLE');
    }
  });
});
