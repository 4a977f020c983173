// Seals the audit chains' heads into signed checkpoints at an interval (AUDIT_SEAL_INTERVAL). Every worker
// runs one; an advisory lock makes them take turns, and a verification seals on demand besides.

import type { DataSource } from 'typeorm';
import type { Logger } from '@libs/logging';
import { type AuditSigningKeys, sealAuditChains } from '@libs/persistence';

export class AuditSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditSigningKeys,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const tick = () => {
      this.running = sealAuditChains(this.dataSource, this.keys)
        .then(() => undefined)
        .catch((error) => this.logger.error({ err: error }, 'sealing the audit chains failed'))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
