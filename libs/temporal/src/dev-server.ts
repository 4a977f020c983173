// Runs the Temporal dev server (`temporal server start-dev`) as a child process, its state in a SQLite
// file under the data directory so cases survive a restart.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CASE_SEARCH_ATTRIBUTES } from '@libs/contracts';
import {
  forwardServerLog,
  portAnswers,
  stopServerProcess,
  TEMPORAL_DYNAMIC_CONFIG,
  waitForPort,
} from './server-process';

export interface DevServerOptions {
  /** The CLI binary; undefined lets @temporalio/testing download one (machines with internet). */
  cliPath: string | undefined;
  port: number;
  namespace: string;
  /** Where the SQLite file lives; undefined keeps everything in memory (tests). */
  dataDir: string | undefined;
  log: (message: string) => void;
}

export interface DevServer {
  address: string;
  /** The server's process when this module spawned it (not for the downloaded fallback). */
  process?: ChildProcess;
  stop(): Promise<void>;
}

/** Options beyond address and storage, shared by the spawned CLI and the downloaded fallback. */
function tuningArgs(): string[] {
  // WAL and synchronous=normal: about twice the throughput of SQLite's default journal here.
  const args = [
    '--log-level',
    'warn',
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
  ];
  for (const [key, value] of Object.entries(TEMPORAL_DYNAMIC_CONFIG))
    args.push('--dynamic-config-value', `${key}=${value}`);
  return args;
}

function serverArgs(options: DevServerOptions): string[] {
  const args = [
    '--headless',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('--db-filename', join(options.dataDir, 'temporal.sqlite'));
  }
  for (const key of CASE_SEARCH_ATTRIBUTES)
    args.push('--search-attribute', `${key.name}=${searchAttributeTypeName(key.type)}`);
  return [...args, ...tuningArgs()];
}

function searchAttributeTypeName(type: string): string {
  return (
    { KEYWORD: 'Keyword', BOOL: 'Bool', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', DATETIME: 'Datetime' }[
      type
    ] ?? type
  );
}

function portTaken(port: number): Error {
  return new Error(
    `端口 ${port} 已被占用：可能是上次未退出的 Temporal 开发服务器。` +
      '请结束该进程，或设置 TEMPORAL_DEV_PORT 换一个端口，或设置 TEMPORAL_ADDRESS 使用已运行的服务器',
  );
}

/** Where a dev server on this port answers. */
export function devServerAddress(port: number): string {
  return `127.0.0.1:${port}`;
}

/**
 * Spawns the CLI's dev server and resolves once it listens. Called again after a crash with the same
 * options, it comes back on the same port with the same SQLite file: the cases are still there.
 */
export async function spawnDevServer(options: DevServerOptions & { cliPath: string }): Promise<ChildProcess> {
  if (await portAnswers(options.port)) throw portTaken(options.port);
  const child = spawn(options.cliPath, ['server', 'start-dev', ...serverArgs(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches the launcher, which stops it in order.
    detached: true,
  });
  // The server warns freely (slow calls, dial errors while stopping): pass on only its errors.
  forwardServerLog(
    child,
    (line) => (/level=(WARN|INFO|DEBUG)|^Stopping server/.test(line) ? undefined : line),
    options.log,
  );
  await waitForPort(options.port, child, 30_000, 'Temporal dev server');
  return child;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const address = devServerAddress(options.port);
  if (await portAnswers(options.port)) throw portTaken(options.port);
  if (!options.cliPath) {
    options.log('未找到 Temporal CLI，也没有 Go：由 @temporalio/testing 下载开发服务器');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        namespace: options.namespace,
        dbFilename: options.dataDir ? join(options.dataDir, 'temporal.sqlite') : undefined,
        searchAttributes: CASE_SEARCH_ATTRIBUTES,
        extraArgs: tuningArgs(),
      },
    });
    return { address, stop: () => env.teardown() };
  }
  const child = await spawnDevServer({ ...options, cliPath: options.cliPath });
  return { address, process: child, stop: () => stopServerProcess(child, 10_000) };
}
