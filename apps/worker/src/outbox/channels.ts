// Outbound notification channels. Each sends one message or throws; the dispatcher retries.

import type { OutboundChannel, OutboundMessage } from '@libs/persistence';

export interface NotificationChannel {
  readonly name: OutboundChannel;
  send(message: OutboundMessage): Promise<void>;
}

const TIMEOUT_MS = 10_000;

async function postJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

/** Posts each notification as JSON to one URL (for a government messaging hub or an ops chat bot). */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';
  constructor(private readonly url: string) {}

  send(message: OutboundMessage): Promise<void> {
    return postJson(this.url, {
      id: message.notificationId,
      kind: message.kind,
      title: message.title,
      body: message.body,
      caseId: message.caseId,
      taskId: message.taskId,
      recipient: { userId: message.recipient.userId, username: message.recipient.username },
    });
  }
}

/** What an SMS provider must do; adapters for each provider's API implement it. */
export interface SmsGateway {
  sendSms(phone: string, text: string): Promise<void>;
}

/** A gateway that takes { phone, text } as JSON over HTTP (the shape the platform documents). */
export class HttpSmsGateway implements SmsGateway {
  constructor(private readonly url: string) {}

  sendSms(phone: string, text: string): Promise<void> {
    return postJson(this.url, { phone, text });
  }
}

export class SmsChannel implements NotificationChannel {
  readonly name = 'sms';
  constructor(private readonly gateway: SmsGateway) {}

  async send(message: OutboundMessage): Promise<void> {
    if (!message.recipient.phone)
      throw new PermanentDeliveryError(`${message.recipient.username} 没有登记手机号`);
    await this.gateway.sendSms(message.recipient.phone, `【相对贫困帮扶】${message.title}：${message.body}`);
  }
}

/** A failure that retrying cannot fix. */
export class PermanentDeliveryError extends Error {}
