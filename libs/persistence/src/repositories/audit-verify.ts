// 留痕校验 verifying the audit log: the county checkpoints (signature, hash, each linked to the one before),
// then every chain walked in order (seq without gap, each row linked to the one before and hashed as it was
// written) up to its head row, and each chain's newest sealed head still there with its hash. The full walk
// reads every row and finds an edited, inserted or deleted row anywhere, the newest ones included (a sealed
// head is missing, or a head row is ahead of the rows), and a truncated table. The incremental one starts
// where the last good verification left each chain and reads only the checkpoints and rows added since: it
// finds the same among those, and a row removed anywhere by the count of rows against the heads'.

import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_GENESIS_HASH, auditHash, hashedAuditRow } from './audit';
import {
  type AuditCheckpointRow,
  type AuditSigningKeys,
  checkpointProblem,
  sealAuditChains,
} from './audit-checkpoints';

/** One place where the log does not hold: a chain's row, a chain's end, or a checkpoint. */
export interface AuditBreak {
  /** The chain (`case:<id>`, `actor:<id>`, `global`); null for a checkpoint. */
  chain: string | null;
  caseId: string | null;
  /** The row at fault (audit_events.id), when there is one. */
  eventId: string | null;
  seq: number | null;
  checkpointId: string | null;
  /** What is wrong, in Chinese. */
  problem: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  /** The full walk (every row), or the incremental one (what was added since the last good verification). */
  full: boolean;
  /** Rows walked. */
  checked: number;
  /** Chains walked. */
  chains: number;
  /** Checkpoints verified. */
  checkpoints: number;
  /** The first row whose hash or link does not match, when there is one. */
  brokenAt?: string;
  /** The breaks found (the first MAX_BREAKS). */
  breaks: AuditBreak[];
}

const MAX_BREAKS = 20;
const WALK_CHAINS_AT_ONCE = 100;
const ROW_COLUMNS = `e.id, e.event_key, e.occurred_at, e.actor_id, e.actor_username, e.actor_role,
  e.actor_jurisdiction_id, e.action, e.entity_type, e.entity_id, e.case_id, e.before, e.after, e.reason,
  e.request_id, e.chain, e.seq, e.prev_hash, e.hash`;

type Point = { seq: number; hash: string };

/** What a walk verified: the report, and where the next incremental verification starts. */
interface Walk {
  report: AuditVerifyReport;
  lastEventId: string;
  lastCheckpointId: string;
  /** Per county, the newest checkpoint verified: [id, hash]. */
  counties: Record<string, [string, string]>;
  /** Each chain that held, where its walk ended. */
  ends: Map<string, Point>;
}

/**
 * Seals what is not sealed yet, verifies (on one snapshot), and records the verification: a good one is the
 * starting point of the next incremental verification.
 */
export async function verifyAuditLog(
  dataSource: DataSource,
  keys: AuditSigningKeys,
  options: AuditCheckOptions = {},
): Promise<AuditVerifyReport> {
  await sealAuditChains(dataSource, keys);
  const walk = await dataSource.transaction('REPEATABLE READ', (manager) =>
    new AuditWalk(manager, keys, options).run(),
  );
  await recordVerification(dataSource, walk);
  return walk.report;
}

export interface AuditCheckOptions {
  full?: boolean;
  batchSize?: number;
}

/** Checks the log as `manager` sees it and records nothing (a spec tampering in a transaction it rolls back). */
export async function checkAuditLog(
  manager: EntityManager,
  keys: Pick<AuditSigningKeys, 'verifying'>,
  options: AuditCheckOptions = {},
): Promise<AuditVerifyReport> {
  return (await new AuditWalk(manager, keys, options).run()).report;
}

class AuditWalk {
  private readonly breaks: AuditBreak[] = [];
  private checked = 0;
  private chainsWalked = 0;
  private readonly full: boolean;
  private readonly batchSize: number;

  constructor(
    private readonly db: EntityManager,
    private readonly keys: Pick<AuditSigningKeys, 'verifying'>,
    options: AuditCheckOptions,
  ) {
    this.full = options.full ?? false;
    this.batchSize = options.batchSize ?? 10_000;
  }

  async run(): Promise<Walk> {
    const [previous]: {
      last_event_id: string;
      last_checkpoint_id: string;
      checkpoints: Record<string, [string, string]>;
    }[] = await this.db.query(
      `SELECT last_event_id, last_checkpoint_id, checkpoints FROM audit_verifications WHERE ok
       ORDER BY id DESC LIMIT 1`,
    );
    const [{ last_event_id: lastEventId }] = await this.db.query(
      'SELECT coalesce(max(id), 0) AS last_event_id FROM audit_events',
    );
    const counties = await this.keptCheckpoints(previous?.checkpoints ?? {});
    const { sealed, lastCheckpointId, verified } = await this.checkpoints(
      this.full ? '0' : (previous?.last_checkpoint_id ?? '0'),
      this.full ? {} : counties,
    );
    const { heads, starts } = this.full
      ? { heads: await this.allHeads(), starts: new Map<string, Point>() }
      : await this.changedHeads(previous?.last_event_id ?? '0');
    const ends = await this.walkChains(heads, starts);
    await this.sealedHeadsPresent(sealed);
    if (!this.full) await this.rowCountMatchesHeads();
    const brokenAt = this.breaks.find((found) => found.eventId !== null)?.eventId;
    return {
      report: {
        ok: this.breaks.length === 0,
        full: this.full,
        checked: this.checked,
        chains: this.chainsWalked,
        checkpoints: verified.length,
        ...(brokenAt ? { brokenAt } : {}),
        breaks: this.breaks,
      },
      lastEventId: String(lastEventId),
      lastCheckpointId: lastCheckpointId ?? previous?.last_checkpoint_id ?? '0',
      counties: { ...counties, ...Object.fromEntries(verified.map((c) => [c.county_id, [c.id, c.hash]])) },
      ends,
    };
  }

  private broken(found: Partial<AuditBreak> & { problem: string }): void {
    const chain = found.chain ?? null;
    if (this.breaks.length >= MAX_BREAKS) return;
    this.breaks.push({
      chain,
      caseId: chain?.startsWith('case:') ? chain.slice('case:'.length) : null,
      eventId: found.eventId ?? null,
      seq: found.seq ?? null,
      checkpointId: found.checkpointId ?? null,
      problem: found.problem,
    });
  }

  /** The checkpoints the last good verification ended on must still be there, unchanged. */
  private async keptCheckpoints(
    counties: Record<string, [string, string]>,
  ): Promise<Record<string, [string, string]>> {
    const entries = Object.entries(counties);
    if (entries.length === 0) return counties;
    const rows: { id: string; hash: string }[] = await this.db.query(
      'SELECT id, hash FROM audit_checkpoints WHERE id = ANY($1::bigint[])',
      [entries.map(([, [id]]) => id)],
    );
    const kept = new Map(rows.map((row) => [row.id, row.hash]));
    for (const [county, [id, hash]] of entries) {
      if (kept.get(id) !== hash) {
        this.broken({
          checkpointId: id,
          problem: `检查点 #${id}（${county}）在上次校验时存在，现已被删除或修改：检查点表被截断或篡改`,
        });
      }
    }
    return counties;
  }

  /** Verifies the checkpoints after `afterId` in order; returns each chain's newest sealed head among them. */
  private async checkpoints(
    afterId: string,
    counties: Record<string, [string, string]>,
  ): Promise<{
    sealed: Map<string, Point & { checkpointId: string }>;
    lastCheckpointId?: string;
    verified: AuditCheckpointRow[];
  }> {
    const checkpoints: AuditCheckpointRow[] = await this.db.query(
      'SELECT * FROM audit_checkpoints WHERE id > $1 ORDER BY id',
      [afterId],
    );
    const prevHash = new Map(Object.entries(counties).map(([county, [, hash]]) => [county, hash]));
    const sealed = new Map<string, Point & { checkpointId: string }>();
    for (const checkpoint of checkpoints) {
      const problem = checkpointProblem(
        checkpoint,
        prevHash.get(checkpoint.county_id) ?? AUDIT_GENESIS_HASH,
        this.keys,
      );
      if (problem) this.broken({ checkpointId: checkpoint.id, problem });
      prevHash.set(checkpoint.county_id, checkpoint.hash);
      for (const [chain, [seq, hash]] of Object.entries(checkpoint.heads)) {
        const before = sealed.get(chain);
        if (before && before.seq > seq) {
          this.broken({
            chain,
            checkpointId: checkpoint.id,
            problem: `${chainName(chain)}：检查点 #${checkpoint.id} 封存到第 ${seq} 条，早于此前检查点封存的第 ${before.seq} 条`,
          });
        }
        sealed.set(chain, { seq, hash, checkpointId: checkpoint.id });
      }
    }
    return { sealed, lastCheckpointId: checkpoints.at(-1)?.id, verified: checkpoints };
  }

  private async allHeads(): Promise<Map<string, Point>> {
    const rows: { chain: string; seq: string; hash: string }[] = await this.db.query(
      'SELECT chain, seq, hash FROM audit_chain_heads',
    );
    return new Map(rows.map((row) => [row.chain, { seq: Number(row.seq), hash: row.hash }]));
  }

  /**
   * The chains that moved since the last good verification (their head, or a row written since), and where
   * that verification left them.
   */
  private async changedHeads(
    afterEventId: string,
  ): Promise<{ heads: Map<string, Point>; starts: Map<string, Point> }> {
    const rows: {
      chain: string;
      seq: string | null;
      hash: string | null;
      from_seq: string | null;
      from_hash: string | null;
    }[] = await this.db.query(
      `WITH moved AS (
         SELECT coalesce(h.chain, v.chain) AS chain
         FROM audit_chain_heads h FULL JOIN audit_verified_heads v ON v.chain = h.chain
         WHERE h.seq IS DISTINCT FROM v.seq OR h.hash IS DISTINCT FROM v.hash
         UNION SELECT chain FROM audit_events WHERE id > $1)
       SELECT m.chain, h.seq, h.hash, v.seq AS from_seq, v.hash AS from_hash
       FROM moved m
       LEFT JOIN audit_chain_heads h ON h.chain = m.chain
       LEFT JOIN audit_verified_heads v ON v.chain = m.chain`,
      [afterEventId],
    );
    const heads = new Map<string, Point>();
    const starts = new Map<string, Point>();
    for (const row of rows) {
      const from = { seq: Number(row.from_seq ?? 0), hash: row.from_hash ?? AUDIT_GENESIS_HASH };
      if (row.seq === null && row.from_seq !== null) {
        this.broken({
          chain: row.chain,
          problem: `${chainName(row.chain)}的链头已被删除（上次校验到第 ${from.seq} 条）`,
        });
        continue;
      }
      if (row.seq !== null && Number(row.seq) < from.seq) {
        this.broken({
          chain: row.chain,
          seq: Number(row.seq),
          problem: `${chainName(row.chain)}的链头退回到第 ${row.seq} 条（上次校验到第 ${from.seq} 条）：最新的记录被删除`,
        });
        continue;
      }
      // A chain without a head is walked all the same: the walk names its rows.
      if (row.seq !== null) heads.set(row.chain, { seq: Number(row.seq), hash: row.hash! });
      starts.set(row.chain, from);
    }
    return { heads, starts };
  }

  /** Walks the rows of these chains after their starts, in (chain, seq) order; returns where each chain ended. */
  private async walkChains(
    heads: Map<string, Point>,
    starts: Map<string, Point>,
  ): Promise<Map<string, Point>> {
    const ends = new Map<string, Point>();
    const brokenChains = new Set<string>();
    let chain: string | undefined;
    let last: Point = { seq: 0, hash: AUDIT_GENESIS_HASH };
    const finish = () => {
      if (chain === undefined || brokenChains.has(chain)) return;
      const head = heads.get(chain);
      if (head && (head.seq !== last.seq || head.hash !== last.hash)) {
        brokenChains.add(chain);
        this.broken({
          chain,
          seq: last.seq,
          problem:
            head.seq > last.seq
              ? `${chainName(chain)}的链头记到第 ${head.seq} 条，记录只到第 ${last.seq} 条：最新的记录被删除`
              : `${chainName(chain)}的记录到第 ${last.seq} 条，与链头（第 ${head.seq} 条）不符：链尾被插入或替换了记录`,
        });
      } else {
        ends.set(chain, last);
      }
    };
    for await (const rows of this.rowsToWalk(heads, starts)) {
      for (const row of rows) {
        const rowChain = row.chain as string;
        const seq = Number(row.seq);
        if (rowChain !== chain) {
          finish();
          chain = rowChain;
          this.chainsWalked += 1;
          last = starts.get(chain) ?? { seq: 0, hash: AUDIT_GENESIS_HASH };
          if (!heads.has(chain)) {
            brokenChains.add(chain);
            this.broken({
              chain,
              eventId: String(row.id),
              seq,
              problem: `${chainName(chain)}没有链头：这条链的记录是绕过平台写入的`,
            });
          }
        }
        this.checked += 1;
        if (brokenChains.has(chain)) continue;
        const problem =
          seq !== last.seq + 1
            ? `之前缺少第 ${last.seq + 1}${seq - 1 > last.seq + 1 ? ` 至 ${seq - 1}` : ''} 条：记录被删除`
            : row.prev_hash !== last.hash
              ? '与上一条的链接不符：其前有记录被插入、删除或替换'
              : row.hash !== auditHash(last.hash, hashedAuditRow(row))
                ? '内容与其哈希不符：此条被修改'
                : undefined;
        if (problem) {
          brokenChains.add(chain);
          this.broken({
            chain,
            eventId: String(row.id),
            seq,
            problem: `${chainName(chain)}第 ${seq} 条（编号 ${row.id}）${problem}`,
          });
        } else {
          last = { seq, hash: row.hash as string };
        }
      }
    }
    finish();
    // Heads whose chain has no row left to walk.
    for (const [name, head] of heads) {
      const start = starts.get(name) ?? { seq: 0, hash: AUDIT_GENESIS_HASH };
      if (ends.has(name) || brokenChains.has(name) || head.seq === start.seq) continue;
      this.broken({
        chain: name,
        seq: head.seq,
        problem:
          start.seq === 0
            ? `${chainName(name)}的链头记到第 ${head.seq} 条，记录却一条不剩：记录被删除或表被截断`
            : `${chainName(name)}的链头记到第 ${head.seq} 条，第 ${start.seq} 条之后的记录却不在：最新的记录被删除`,
      });
    }
    return ends;
  }

  /**
   * The rows to walk, in batches in (chain, seq) order: every row (the full walk), or those after each
   * chain's start. The latter probes each chain's index range, for as many chains at a time as make about a
   * batch of rows up to their heads (a join with the starts would read the index from its beginning).
   */
  private async *rowsToWalk(
    heads: Map<string, Point>,
    starts: Map<string, Point>,
  ): AsyncGenerator<Record<string, unknown>[]> {
    const chunks: string[][] = [];
    let chunk: string[] = [];
    let expected = 0;
    for (const [chain, start] of this.full ? [] : starts) {
      const rows = Math.max(1, (heads.get(chain)?.seq ?? 0) - start.seq);
      if (chunk.length > 0 && (expected + rows > this.batchSize || chunk.length >= WALK_CHAINS_AT_ONCE)) {
        chunks.push(chunk);
        chunk = [];
        expected = 0;
      }
      chunk.push(chain);
      expected += rows;
    }
    if (chunk.length > 0) chunks.push(chunk);
    for (const chunk of this.full ? [undefined] : chunks) {
      let cursor: [string, number] = ['', 0];
      for (;;) {
        const rows: Record<string, unknown>[] = chunk
          ? await this.db.query(
              `SELECT ${ROW_COLUMNS} FROM unnest($4::text[], $5::bigint[]) AS s(chain, from_seq)
               CROSS JOIN LATERAL (
                 SELECT * FROM audit_events e WHERE e.chain = s.chain
                   AND e.seq > CASE WHEN s.chain = $1 THEN greatest(s.from_seq, $2) ELSE s.from_seq END
                 ORDER BY e.seq LIMIT $3) e
               WHERE s.chain >= $1
               ORDER BY e.chain, e.seq LIMIT $3`,
              [...cursor, this.batchSize, chunk, chunk.map((chain) => starts.get(chain)!.seq)],
            )
          : await this.db.query(
              `SELECT ${ROW_COLUMNS} FROM audit_events e WHERE (e.chain, e.seq) > ($1, $2)
               ORDER BY e.chain, e.seq LIMIT $3`,
              [...cursor, this.batchSize],
            );
        if (rows.length > 0) yield rows;
        if (rows.length < this.batchSize) break;
        const end = rows[rows.length - 1];
        cursor = [end.chain as string, Number(end.seq)];
      }
    }
  }

  /** Each chain's newest sealed head is still there, with the hash its checkpoint signed. */
  private async sealedHeadsPresent(sealed: Map<string, Point & { checkpointId: string }>): Promise<void> {
    if (sealed.size === 0) return;
    const chains = [...sealed.keys()];
    const rows: { chain: string; seq: string; id: string | null; hash: string | null }[] =
      await this.db.query(
        `SELECT s.chain, s.seq, e.id, e.hash FROM unnest($1::text[], $2::bigint[]) AS s(chain, seq)
       LEFT JOIN audit_events e ON e.chain = s.chain AND e.seq = s.seq`,
        [chains, chains.map((chain) => sealed.get(chain)!.seq)],
      );
    for (const row of rows) {
      const seal = sealed.get(row.chain)!;
      if (row.hash === seal.hash) continue;
      this.broken({
        chain: row.chain,
        eventId: row.id,
        seq: seal.seq,
        checkpointId: seal.checkpointId,
        problem:
          row.hash === null
            ? `${chainName(row.chain)}第 ${seal.seq} 条已不在，检查点 #${seal.checkpointId} 封存时它在：记录被删除或表被截断`
            : `${chainName(row.chain)}第 ${seal.seq} 条的哈希与检查点 #${seal.checkpointId} 封存的不符：记录被替换`,
      });
    }
  }

  /**
   * As many rows as the heads count (each append adds a row and moves its head by one): else rows were
   * removed or added around the platform, in chains the incremental walk did not read. The chains whose
   * newest row is gone are named; a row removed within a chain, or added, takes the full walk to place.
   */
  private async rowCountMatchesHeads(): Promise<void> {
    const [{ rows, heads }]: { rows: string; heads: string }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM audit_events) AS rows,
         (SELECT coalesce(sum(seq), 0) FROM audit_chain_heads) AS heads`,
    );
    if (rows === heads) return;
    await this.headRowsPresent();
    if (this.breaks.length > 0) return;
    this.broken({
      problem:
        `留痕共 ${rows} 条，各链头合计 ${heads} 条，二者不符：有记录被删除或绕过平台写入，` +
        '请全量校验（--full / ?full=true）找出所在的链',
    });
  }

  /** Every head row's event is there (a chain that did not grow since the last verification included). */
  private async headRowsPresent(): Promise<void> {
    const rows: { chain: string; seq: string }[] = await this.db.query(
      `SELECT h.chain, h.seq FROM audit_chain_heads h
       LEFT JOIN audit_events e ON e.chain = h.chain AND e.seq = h.seq
       WHERE h.seq > 0 AND e.hash IS DISTINCT FROM h.hash
       LIMIT ${MAX_BREAKS}`,
    );
    for (const row of rows) {
      this.broken({
        chain: row.chain,
        seq: Number(row.seq),
        problem: `${chainName(row.chain)}的链头记到第 ${row.seq} 条，这一条却不在或已改变：最新的记录被删除或替换`,
      });
    }
  }
}

function chainName(chain: string): string {
  if (chain.startsWith('case:')) return `案件 ${chain.slice('case:'.length)} 的留痕链`;
  if (chain.startsWith('actor:')) return `操作人 ${chain.slice('actor:'.length)} 的留痕链`;
  return `留痕链 ${chain}`;
}

/** Records the verification; a good one moves each walked chain's verified point forward. */
async function recordVerification(dataSource: DataSource, walk: Walk): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO audit_verifications (full_walk, ok, checked, last_event_id, last_checkpoint_id, checkpoints)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        walk.report.full,
        walk.report.ok,
        walk.report.checked,
        walk.lastEventId,
        walk.lastCheckpointId,
        JSON.stringify(walk.counties),
      ],
    );
    if (!walk.report.ok || walk.ends.size === 0) return;
    const chains = [...walk.ends.keys()];
    // Never backwards: a verification that started earlier may finish later.
    await manager.query(
      `INSERT INTO audit_verified_heads (chain, seq, hash)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
       ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
       WHERE audit_verified_heads.seq < excluded.seq`,
      [chains, chains.map((c) => walk.ends.get(c)!.seq), chains.map((c) => walk.ends.get(c)!.hash)],
    );
  });
}
