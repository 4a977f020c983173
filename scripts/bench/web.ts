// The web UI's budgets in a real browser (Debian's Chromium): the JavaScript the login and the inbox load
// (gzipped, as sent), the inbox interactive after navigation with at least 1,000 open tasks in scope,
// and a task decision until the next task's page shows. Runs against the round trip's platform.

import type { Browser, Page } from 'playwright-core';
import { TASK_STEPS } from '@libs/domain';
import { ensureBrowser, launchBrowser } from '../lib/browser';
import { DEMO_PASSWORD } from '../lib/demo-county';
import { syntheticApplication, syntheticSurvey } from '../lib/synthetic-households';
import { post, request, round } from './measure';

const OPEN_TASKS = 1_000;
const RUNS = 5;
const CASEWORKER = 'cw_dongli_east';

export interface WebBenchResult {
  /** Every script the login and then the inbox loaded, as sent (gzip), in kB (1,000 bytes). */
  loginAndInboxScriptKB: number;
  scriptFiles: number;
  openTasksInScope: number;
  /** Navigation to the inbox (signed in, scripts cached by the login) until its first row shows, ms; then a reload. */
  inboxColdMs: number[];
  inboxWarmMs: number[];
  /** Click on the decision until the next task's page shows, ms. */
  decisionToNextTaskMs: number[];
}

/** Enough open tasks in the caseworker's village: new applications, each waiting for its home survey. */
async function fillInbox(apiUrl: string, token: string, log: (message: string) => void): Promise<number> {
  const open = async () => (await request('GET', `${apiUrl}/tasks/counts`, undefined, token)).total as number;
  let total = await open();
  if (total < OPEN_TASKS) log(`新建 ${OPEN_TASKS - total} 件申请，使工作台有 ${OPEN_TASKS} 个待办…`);
  while (total < OPEN_TASKS) {
    const batch = Math.min(8, OPEN_TASKS - total);
    // A random ID number may already be in an open case (409): that application is simply not counted.
    const created = await Promise.all(
      Array.from({ length: batch }, () =>
        post(`${apiUrl}/cases`, syntheticApplication(), token).then(
          () => 1,
          (error: Error) => {
            if (error.message.startsWith('409')) return 0;
            throw error;
          },
        ),
      ),
    );
    total += created.reduce((a, b) => a + b, 0);
  }
  return open();
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(CASEWORKER);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('tab', { name: /全部待办/ }).waitFor();
}

/** The inbox (its 全部待办 tab) is usable once its first task row, with the link to the task, is on screen. */
const INBOX = '/?tab=all';
const inboxReady = (page: Page) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link') })
    .first()
    .waitFor();

async function timed(action: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await action();
  return round(performance.now() - t0);
}

async function scriptsOfLoginAndInbox(browser: Browser, origin: string) {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      sizes.push(
        response
          .request()
          .sizes()
          .then((s) => s.responseBodySize),
      );
    }
  });
  await signIn(page);
  await page.goto(INBOX);
  await inboxReady(page);
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { kb: round(bytes / 1000), files: sizes.length };
}

async function inboxTimes(browser: Browser, origin: string) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto('about:blank');
    cold.push(
      await timed(async () => {
        await page.goto(INBOX);
        await inboxReady(page);
      }),
    );
    warm.push(
      await timed(async () => {
        await page.reload();
        await inboxReady(page);
      }),
    );
    await context.close();
  }
  return { cold, warm };
}

/** Cases waiting for their democratic appraisal: the survey decided through the API. */
async function appraisals(apiUrl: string, token: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const application = syntheticApplication();
      const { id } = await post(`${apiUrl}/cases`, application, token);
      const survey = { decision: 'approve', form: syntheticSurvey(application.members) };
      await post(`${apiUrl}/tasks/${id}:homeSurvey:1/complete`, survey, token);
      return `${id}:democraticAppraisal:1`;
    }),
  );
}

// Any decision's button: the next task's page is usable once its own shows.
const DECISION_BUTTON = new RegExp(
  [...new Set(TASK_STEPS.flatMap((step) => Object.values(step.decisionLabels)))]
    .map((label) => label.replace(/[()（）]/g, '.'))
    .join('|'),
);

/** The caseworker sends an appraisal back for a new survey; the clock stops when the next task shows. */
async function decisionTimes(browser: Browser, origin: string, taskIds: string[]): Promise<number[]> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page);
  const times: number[] = [];
  for (const taskId of taskIds) {
    await page.goto(`/tasks/${encodeURIComponent(taskId)}`);
    await page
      .getByRole('button', { name: '退 回' })
      .or(page.getByRole('button', { name: '退回' }))
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('退回理由').fill('基准测试：退回重新入户调查');
    const targets = dialog.getByRole('radiogroup', { name: '退回到' });
    if (await targets.count()) await targets.getByRole('radio').first().check();
    times.push(
      await timed(async () => {
        await dialog.getByRole('button', { name: '确认提交' }).click();
        await page.waitForURL(
          (url) =>
            url.pathname.startsWith('/tasks/') && decodeURIComponent(url.pathname) !== `/tasks/${taskId}`,
        );
        await page.getByRole('button', { name: DECISION_BUTTON }).first().waitFor();
      }),
    );
  }
  await context.close();
  return times;
}

export async function runWebBench(origin: string, log: (message: string) => void): Promise<WebBenchResult> {
  ensureBrowser(log);
  const apiUrl = `${origin}/api`;
  const token = (await post(`${apiUrl}/auth/login`, { username: CASEWORKER, password: DEMO_PASSWORD }))
    .accessToken;
  const openTasksInScope = await fillInbox(apiUrl, token, log);
  const browser = await launchBrowser();
  try {
    log('测量网页：登录页与工作台加载的脚本、工作台可用时间、办理后下一任务出现的时间…');
    const scripts = await scriptsOfLoginAndInbox(browser, origin);
    const { cold, warm } = await inboxTimes(browser, origin);
    const decisions = await decisionTimes(browser, origin, await appraisals(apiUrl, token, RUNS));
    return {
      loginAndInboxScriptKB: scripts.kb,
      scriptFiles: scripts.files,
      openTasksInScope,
      inboxColdMs: cold,
      inboxWarmMs: warm,
      decisionToNextTaskMs: decisions,
    };
  } finally {
    await browser.close();
  }
}
