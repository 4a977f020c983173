// A PostgreSQL cluster of the fault run's own (initdb into a temporary directory, on a port of its own), so
// that stopping it for half a minute disturbs nobody else on the machine. Run as the `postgres` user when
// the harness runs as root (initdb refuses root).

import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Debian packages' binaries; POSTGRES_BIN for another layout. */
const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

function asPostgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export class PrivatePostgres {
  private readonly dir: string;
  private readonly owner = asPostgresUser();

  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'changxiao-faults-pg-'));
    if (this.owner) chownSync(this.dir, this.owner.uid, this.owner.gid);
  }

  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    await this.run('initdb', [
      '-D',
      this.data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
    ]);
    await this.start();
  }

  async start(): Promise<void> {
    // Temporal's four services and visibility, two workers and two API processes: well over the default 100.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off`;
    await this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      '-o',
      options,
      'start',
    ]);
  }

  /** A fast shutdown: every connection is cut, nothing is lost. */
  async stop(): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private run(binary: string, args: string[]): Promise<void> {
    return new Promise((done, fail) => {
      const child = spawn(join(POSTGRES_BIN, binary), args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: this.dir,
        ...(this.owner ?? {}),
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('error', fail);
      child.once('exit', (code) =>
        code === 0 ? done() : fail(new Error(`${binary} ${args.join(' ')}: code ${code}\n${output}`)),
      );
    });
  }
}
