// What a browser spec's tabs did, kept for a failure: each tab's navigations, its API requests with their
// answers (or that none came), its console's errors and warnings and its uncaught errors. A failed test
// photographs every open page and prints what the tabs did during it, so a wait that timed out on a busy CI
// machine says whether the request was sent, answered, refused or still pending.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { testStartedAt } from './environment';

const KEPT = 80;

/** Where the browser specs' screenshots go, a failed test's among them. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** The browsers the spec file has launched and not yet closed. */
const browsers = new Set<Browser>();

export function watchBrowser(browser: Browser): void {
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
}

interface ContextLog {
  lines: { at: number; text: string }[];
  /** API requests sent and not yet answered, with when they were sent. */
  pending: Map<Request, number>;
}

const logs = new WeakMap<BrowserContext, ContextLog>();

const clock = (at = Date.now()) => new Date(at).toISOString().slice(11, 23);

/** The request's path and query when it is the platform's API; undefined for pages, bundles and fonts. */
function apiPath(request: Request): string | undefined {
  const url = new URL(request.url());
  return url.pathname.startsWith('/api/') ? url.pathname + url.search : undefined;
}

/** Starts keeping the context's log (openPage calls it for every context it makes). */
export function watchContext(context: BrowserContext): void {
  const log: ContextLog = { lines: [], pending: new Map() };
  logs.set(context, log);
  const add = (text: string) => {
    log.lines.push({ at: Date.now(), text });
    if (log.lines.length > KEPT) log.lines.shift();
  };
  const sent = (request: Request) => log.pending.get(request) ?? Date.now();
  context.on('request', (request) => {
    const path = apiPath(request);
    if (!path) return;
    log.pending.set(request, Date.now());
    add(`→ ${request.method()} ${path}`);
  });
  context.on('response', (response) => {
    const request = response.request();
    const path = apiPath(request);
    if (!path) return;
    add(`← ${response.status()} ${request.method()} ${path} (${Date.now() - sent(request)} ms)`);
    log.pending.delete(request);
  });
  context.on('requestfailed', (request) => {
    const path = apiPath(request);
    if (!path) return;
    add(`✗ ${request.method()} ${path}: ${request.failure()?.errorText} (${Date.now() - sent(request)} ms)`);
    log.pending.delete(request);
  });
  context.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      add(`console.${message.type()}: ${message.text()}`);
  });
  context.on('weberror', (error) => add(`uncaught: ${error.error().message}`));
  context.on('page', (page) =>
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) add(`page ${new URL(frame.url()).pathname}`);
    }),
  );
}

/**
 * For a failed test: photographs each open page of the spec's browsers as SCREENSHOTS/failed-<test>-<n>.png
 * and prints what each watched context did during the test, with the API requests still unanswered. Nothing
 * without a browser.
 */
export async function keepFailedPages(): Promise<void> {
  if (browsers.size === 0) return;
  const test = (expect.getState().currentTestName ?? 'test').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const report: string[] = [];
  const startedAt = testStartedAt();
  let n = 0;
  for (const context of [...browsers].flatMap((browser) => browser.contexts())) {
    for (const page of context.pages()) {
      n += 1;
      const file = join(SCREENSHOTS, `failed-${test}-${n}.png`);
      const shot = await page
        .screenshot({ path: file, fullPage: true, timeout: 10_000 })
        .then(() => file)
        .catch((error: Error) => `no screenshot: ${error.message.split('\n')[0]}`);
      report.push(`page ${n} at ${page.url()}: ${shot}`);
    }
    const log = logs.get(context);
    if (!log) continue;
    // What the tabs did before the test (an earlier test's steps) is left out.
    for (const { at, text } of log.lines) if (at >= startedAt) report.push(`  ${clock(at)} ${text}`);
    for (const [request, since] of log.pending) {
      if (since >= startedAt)
        report.push(`  unanswered: ${request.method()} ${apiPath(request)}, sent ${clock(since)}`);
    }
  }
  console.log(`What the browser saw when "${test}" failed (now ${clock()}):\n${report.join('\n')}`);
}
