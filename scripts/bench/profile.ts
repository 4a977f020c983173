// Where the CPU goes under the completion load: the workers and the API restarted with `node --cpu-prof`, the
// API round trip run at COST_USERS users, the processes stopped (each writes its profile, its threads' too:
// the worker's workflows run in a thread of their own), and the samples taken within the phase summarised by
// process role: self time by module (a package under node_modules, a directory of the platform, Node's
// internals, V8's builtins, GC) and by function, and each module's inclusive share (samples with it on the stack).

import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PHASE_SECONDS, type PhaseResult, phase, round } from './measure';
import { COST_USERS, roundTripSubjects } from './roundtrip';
import type { BenchStack, StackPids } from './stack';

const TOP = 12;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  /** worker (main thread), workflow thread (the worker's sandbox), api. */
  role: string;
  processes: number;
  /** CPU time sampled within the phase (idle excluded), ms. */
  busyMs: number;
  /** The named parts of the stack (SUBSYSTEMS), inclusive: samples with one of its frames on the stack. */
  subsystems: Share[];
  selfByModule: Share[];
  inclusiveByModule: Share[];
  selfByFunction: Share[];
}

export interface ProfileBenchResult {
  phase: PhaseResult;
  profiles: ProfileSummary[];
}

/** The module a frame belongs to, as the breakdown groups it. */
function moduleOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return /^\(.*\)$/.test(functionName) ? functionName : '(native: V8 builtins, JSON, bindings)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const own = /\/dist\/((?:apps|libs)\/[^/]+|[^/]+)\//.exec(url);
  if (own) return own[1];
  // The workflow bundle, run by the SDK in its sandbox.
  return /workflow/.test(url) ? 'workflow bundle' : url;
}

type Frame = ProfileNode['callFrame'];
const inPackage = (frame: Frame, ...names: string[]) =>
  names.some((name) => frame.url.includes(`/node_modules/${name}`));

/** The parts of the platform's stack the breakdown names, each matched on a frame of the sample's stack. */
const SUBSYSTEMS: [name: string, matches: (frame: Frame) => boolean][] = [
  ['Temporal SDK (worker, client, common)', (f) => inPackage(f, '@temporalio/')],
  ['the platform workflows (bundle)', (f) => !f.url.includes('node_modules') && /workflow/.test(f.url)],
  ['payload codec (AES-GCM)', (f) => f.url.includes('/payload-codec.')],
  ['audit hashing (auditHash, canonicalJson)', (f) => /^(auditHash|canonicalJson)$/.test(f.functionName)],
  ['JSON parse/stringify', (f) => !f.url && /^(parse|stringify)$/.test(f.functionName)],
  ['pg, pg-protocol', (f) => inPackage(f, 'pg/', 'pg-protocol/', 'pg-pool/')],
  ['TypeORM', (f) => inPackage(f, 'typeorm/')],
  ['NestJS', (f) => inPackage(f, '@nestjs/')],
  ['express, router, body-parser', (f) => inPackage(f, 'express/', 'router/', 'body-parser/')],
  ['class-validator, class-transformer', (f) => inPackage(f, 'class-validator/', 'class-transformer/')],
  ['JWT (jsonwebtoken)', (f) => inPackage(f, 'jsonwebtoken/')],
  ['pino logging', (f) => inPackage(f, 'pino', 'nestjs-pino/')],
  ['gRPC (@grpc/grpc-js), protobufjs', (f) => inPackage(f, '@grpc/', 'protobufjs/')],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
];

interface Tally {
  busy: number;
  subsystems: Map<string, number>;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  functions: Map<string, number>;
}

const add = (map: Map<string, number>, key: string, value: number) =>
  map.set(key, (map.get(key) ?? 0) + value);

/** Adds the profile's samples taken within [from, to] (µs on the profile's clock) to the tally. */
function tallyProfile(profile: CpuProfile, from: number, to: number, tally: Tally): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample stands for the interval up to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (time < from || time > to || ms <= 0) continue;
    const node = byId.get(profile.samples[i])!;
    if (node.callFrame.functionName === '(idle)') continue;
    tally.busy += ms;
    const module = moduleOf(node.callFrame);
    add(tally.self, module, ms);
    const { functionName, lineNumber } = node.callFrame;
    add(tally.functions, `${functionName || '(anonymous)'} [${module}:${lineNumber + 1}]`, ms);
    const onStack = new Set<string>();
    const subsystems = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      onStack.add(moduleOf(frame));
      for (const [name, matches] of SUBSYSTEMS) if (matches(frame)) subsystems.add(name);
    }
    for (const name of subsystems) add(tally.subsystems, name, ms);
    // The root is on every stack; the bench's statement counter only wraps pg's query().
    onStack.delete('(root)');
    onStack.delete('scripts');
    for (const name of onStack) add(tally.inclusive, name, ms);
  }
}

function shares(map: Map<string, number>, busy: number, top = TOP): Share[] {
  return [...map.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms: round(ms), percent: round((ms / busy) * 100) }));
}

/** Profiles the stack's workers and API; the .cpuprofile files stay in `dir` (Chrome DevTools opens them). */
export async function runProfileBench(
  stack: BenchStack,
  dir: string,
  log: (message: string) => void,
): Promise<ProfileBenchResult> {
  mkdirSync(dir, { recursive: true });
  log(`CPU 剖析：以 --cpu-prof 重启 worker 与 API，${COST_USERS} 个并发用户办理 ${PHASE_SECONDS} 秒…`);
  await stack.restartPlatform(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const pids: StackPids = stack.pids();
  const { api } = await roundTripSubjects(stack);
  await phase('warm-up', COST_USERS, api, 3);
  const from = Date.now();
  const measured = await phase('api', COST_USERS, api);
  const to = Date.now();
  await stack.stopPlatform();
  const stopped = Date.now();

  const roleOf = (pid: number, thread: number) => {
    if (pids.api.includes(pid)) return 'api';
    if (pids.worker.includes(pid)) return thread === 0 ? 'worker' : 'workflow thread';
    return undefined;
  };
  const tallies = new Map<string, Tally & { files: number }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
    const [, , , pid, thread] = file.split('.');
    const role = roleOf(Number(pid), Number(thread));
    if (!role) continue;
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    // The profile ends as its process exits, about when stopPlatform returned: the phase's wall-clock
    // window mapped onto the profile's clock (µs).
    const toProfile = (wall: number) => profile.endTime - (stopped - wall) * 1000;
    let tally = tallies.get(role);
    if (!tally) {
      tally = {
        busy: 0,
        subsystems: new Map(),
        self: new Map(),
        inclusive: new Map(),
        functions: new Map(),
        files: 0,
      };
      tallies.set(role, tally);
    }
    tally.files += 1;
    tallyProfile(profile, toProfile(from), toProfile(to), tally);
  }
  const profiles = [...tallies.entries()].map(([role, tally]) => ({
    role,
    processes: tally.files,
    busyMs: round(tally.busy),
    subsystems: shares(tally.subsystems, tally.busy, SUBSYSTEMS.length),
    selfByModule: shares(tally.self, tally.busy),
    inclusiveByModule: shares(tally.inclusive, tally.busy),
    selfByFunction: shares(tally.functions, tally.busy),
  }));
  return { phase: measured, profiles };
}
