// Escalation notifies level by level (in the app, and through the outbox on outbound channels with
// retries), on the real workflow with deadlines scaled down to seconds.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SmsChannel, WebhookChannel, type SmsGateway } from '@worker/outbox/channels';
import { OutboxDispatcher } from '@worker/outbox/outbox-dispatcher';
import { createLogger } from '@libs/logging';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

let platform: Platform;
let caseworker: ApiClient;
let village: string;

beforeAll(async () => {
  // Five working days pass in well under a second; escalation levels follow each other quickly.
  platform = await startPlatform({ policyTimeScale: 2_000_000, outboundChannels: ['webhook', 'sms'] });
  // A village of this spec's own in 东里镇: no supervisor sits in it, so level 1 goes to the township.
  village = await createVillage(platform.dataSource);
  caseworker = await signInNewUser(platform, 'caseworker', village);
});

afterAll(async () => {
  await platform?.stop();
});

/** Opens a home survey in the spec's village and waits until it has escalated to level 3. */
async function overdueTask(): Promise<string> {
  const created = await caseworker.post('/cases', syntheticApplication(village));
  const taskId = `${created.body.id}:homeSurvey:1`;
  await eventually(async () => {
    const [task] = await platform.dataSource.query('SELECT escalation_level FROM tasks WHERE id = $1', [
      taskId,
    ]);
    return task.escalation_level === 3 ? true : undefined;
  });
  return taskId;
}

describe('escalation notifications', () => {
  it('tells the township supervisor first, then the county, in the app', async () => {
    const taskId = await overdueTask();
    // Every supervisor of the level's jurisdiction hears of it (other specs add some beside the demo ones).
    const rows: { level: string; jurisdiction_id: string; username: string }[] =
      await platform.dataSource.query(
        `SELECT split_part(n.event_key, ':', 5) AS level, u.jurisdiction_id, u.username
       FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.task_id = $1`,
        [taskId],
      );
    for (const [level, jurisdictionId, demoSupervisor] of [
      ['1', '370323104', 'sup_dongli'],
      ['2', '370323', 'sup_county'],
      ['3', '370323', 'sup_county'],
    ]) {
      const atLevel = rows.filter((r) => r.level === level);
      expect(atLevel.map((r) => r.username)).toContain(demoSupervisor);
      expect(new Set(atLevel.map((r) => r.jurisdiction_id))).toEqual(new Set([jurisdictionId]));
    }
    const [audit] = await platform.dataSource.query(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'task.escalated' ORDER BY id LIMIT 1`,
      [taskId],
    );
    expect(audit.after.notifiedJurisdictionId).toBe('370323104');

    const supervisor = await ApiClient.login(platform.baseUrl, 'sup_dongli');
    const before = (await supervisor.get('/notifications/unread-count')).body.unread;
    const list = await supervisor.get('/notifications?unread=true&limit=100');
    const mine = list.body.items.find((n: { taskId: string }) => n.taskId === taskId);
    expect(mine.title).toContain('一级督办');
    expect(mine.body).toContain(`东里镇测试村${village.slice(-6)}`);
    const read = await supervisor.post(`/notifications/${mine.id}/read`, {});
    expect(read.body.readAt).not.toBeNull();
    expect((await supervisor.get('/notifications/unread-count')).body.unread).toBe(before - 1);
    expect((await caseworker.post(`/notifications/${mine.id}/read`, {})).status).toBe(404);
  });
});

describe('the outbox', () => {
  let server: Server;
  let received: { title: string; taskId: string }[];
  let failuresLeft: number;

  beforeAll(async () => {
    received = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers on the webhook, retrying after a failure, and gives up on SMS without a phone number', async () => {
    failuresLeft = 1;
    const taskId = await overdueTask();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
    const sent: string[] = [];
    const gateway: SmsGateway = { sendSms: async (phone) => void sent.push(phone) };
    const dispatcher = new OutboxDispatcher(
      platform.dataSource,
      [new WebhookChannel(url), new SmsChannel(gateway)],
      createLogger('worker', { level: 'error' }),
      {
        pollMs: 20,
        batchSize: 50,
        maxAttempts: 3,
        backoffBaseMs: 20,
        backoffMaxMs: 100,
      },
    );
    dispatcher.start();
    try {
      // Until the whole outbox is drained: the earlier spec's messages are in it too.
      await eventually(async () => {
        const [pending] = await platform.dataSource.query(
          `SELECT count(*)::int AS count FROM outbound_messages WHERE status = 'pending'`,
        );
        return pending.count === 0 ? true : undefined;
      });
      const messages = await eventually(async () => {
        const rows = await platform.dataSource.query(
          `SELECT m.channel, m.status, m.attempts, m.last_error FROM outbound_messages m
           JOIN notifications n ON n.id = m.notification_id WHERE n.task_id = $1 ORDER BY n.event_key, m.channel`,
          [taskId],
        );
        return rows.length > 0 && rows.every((r: { status: string }) => r.status !== 'pending')
          ? rows
          : undefined;
      });
      const webhook = messages.filter((m: { channel: string }) => m.channel === 'webhook');
      expect(webhook.length).toBeGreaterThanOrEqual(3);
      expect(webhook.every((m: { status: string }) => m.status === 'sent')).toBe(true);
      // The one 503 hit some message of the run (earlier specs' ones are in the outbox too): it was retried.
      const [retried] = await platform.dataSource.query(
        `SELECT count(*)::int AS count FROM outbound_messages WHERE channel = 'webhook' AND status = 'sent' AND attempts = 2`,
      );
      expect(retried.count).toBe(1);
      expect(received.filter((m) => m.taskId === taskId).map((m) => m.title.slice(0, 4))).toEqual(
        expect.arrayContaining(['一级督办', '二级督办', '三级督办']),
      );
      const sms = messages.filter((m: { channel: string }) => m.channel === 'sms');
      expect(sms).toHaveLength(webhook.length);
      for (const message of sms) {
        expect(message).toMatchObject({
          status: 'failed',
          attempts: 1,
          last_error: expect.stringContaining('手机号'),
        });
      }
      expect(sent).toEqual([]);
    } finally {
      await dispatcher.stop();
    }
  });
});
