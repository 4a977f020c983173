// Delivers the outbox: pending messages are leased in small batches (SKIP LOCKED, so several workers
// share the work), sent on their channel, and retried with exponential backoff until they succeed or
// run out of attempts.

import type { DataSource } from 'typeorm';
import type { Logger } from '@libs/logging';
import { type LeasedMessage, type OutboundChannel, OutboxRepository } from '@libs/persistence';
import { type NotificationChannel, PermanentDeliveryError } from './channels';

export interface DispatcherOptions {
  pollMs: number;
  batchSize: number;
  maxAttempts: number;
  /** Backoff after the n-th failed attempt: base × 2^(n-1), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  pollMs: 2_000,
  batchSize: 20,
  maxAttempts: 8,
  backoffBaseMs: 5_000,
  backoffMaxMs: 600_000,
};

// While a batch is being sent, its rows are leased for this long so no other dispatcher takes them.
const LEASE = '2 minutes';

export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly channels: Map<OutboundChannel, NotificationChannel>;
  private readonly outbox = new OutboxRepository();

  constructor(
    private readonly dataSource: DataSource,
    channels: NotificationChannel[],
    private readonly logger: Logger,
    private readonly options: DispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
  ) {
    this.channels = new Map(channels.map((channel) => [channel.name, channel]));
  }

  start(): void {
    const tick = () => {
      this.running = this.deliverDue()
        .then(() => undefined)
        .catch((error) => this.logger.error({ err: error }, 'outbox delivery failed'))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Sends what is due now; returns how many messages were attempted. */
  async deliverDue(): Promise<number> {
    const leased = await this.outbox.leaseDue(this.dataSource, this.options.batchSize, LEASE);
    await Promise.all(leased.map((message) => this.deliver(message)));
    return leased.length;
  }

  private async deliver(message: LeasedMessage): Promise<void> {
    const channel = this.channels.get(message.channel);
    try {
      if (!channel) throw new PermanentDeliveryError(`渠道 ${message.channel} 未配置`);
      await channel.send(message);
      await this.outbox.markSent(this.dataSource, message.id);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const giveUp = error instanceof PermanentDeliveryError || message.attempts >= this.options.maxAttempts;
      const backoff = Math.min(
        this.options.backoffBaseMs * 2 ** (message.attempts - 1),
        this.options.backoffMaxMs,
      );
      await this.outbox.markFailed(this.dataSource, message.id, giveUp ? 'failed' : 'pending', text, backoff);
    }
  }
}
