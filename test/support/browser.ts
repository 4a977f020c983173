// The browser specs' set-up and pages: the platform and Debian's Chromium (scripts/lib/browser.ts) started
// for a spec, pages at the three viewports signed in through the login screen, with a screenshot of
// each screen saved by the run. When a test fails, each open page is photographed and what its tab asked
// the API, and said on its console, is printed with the failure (page-log.ts, failure-report.ts).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser as launchChromium } from '../../scripts/lib/browser';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';
import { Lifecycle } from './lifecycle';
import { SCREENSHOTS, watchBrowser, watchContext } from './page-log';
import { type Platform, startPlatform } from './platform';

export { ensureBrowser } from '../../scripts/lib/browser';
export { SCREENSHOTS } from './page-log';

/** Debian's Chromium (scripts/lib/browser.ts), kept in view for a failed test's report (page-log.ts). */
export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  watchBrowser(browser);
  return browser;
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

/** What a browser spec runs against, there once the spec's first beforeAll has run. */
export interface BrowserSpec {
  platform: Platform;
  browser: Browser;
  lifecycle: Lifecycle;
}

/** Starts the platform and a browser before the spec's tests (before its own beforeAll) and stops them after. */
export function browserSpec(): BrowserSpec {
  const spec = {} as BrowserSpec;
  beforeAll(async () => {
    [spec.platform, spec.browser] = await Promise.all([startPlatform(), launchBrowser()]);
    spec.lifecycle = new Lifecycle(spec.platform);
  });
  afterAll(async () => {
    await spec.browser?.close();
    await spec.platform?.stop();
  });
  return spec;
}

// A 1×1 PNG, as the phone's camera would hand over a photo.
export const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Yesterday in China, as the date pickers take it. */
export const yesterday = () => new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

/** A fresh page (its own session storage) at one of the viewports, with the platform as its origin. */
export async function openPage(
  browser: Browser,
  origin: string,
  viewport: keyof typeof VIEWPORTS = 'desktop',
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: VIEWPORTS[viewport],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
  });
  watchContext(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Signs in through the login screen as a person would, and waits for the 工作台. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Saves the page as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Picks `option` in the antd Select labelled `label` (the n-th of that label on the page) and waits until the
 * select shows it chosen. On a busy machine a click on the select or on the option can be lost (the dropdown
 * still sliding in): the pick is made again, in the dropdown still open or opened anew. Never with Escape,
 * which in a modal whose dropdown has already closed (the pick made, but slow to show) closes the modal.
 */
export async function chooseOption(page: Page, label: string, option: string, nth = 0): Promise<void> {
  const select = page
    .locator('.ant-select')
    .filter({ has: page.getByLabel(label) })
    .nth(nth);
  const chosen = select.locator('.ant-select-selection-item', { hasText: option });
  const item = page.locator('.ant-select-dropdown').getByTitle(option, { exact: true }).last();
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!(await item.isVisible())) await select.click();
      await item.click({ timeout: 5_000 });
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

/**
 * Ticks the checkbox. Now and then on a loaded machine Playwright's check() finds that its click on an antd
 * checkbox changed nothing (microsoft/playwright#13470); check() leaves a ticked box as it is, so it is asked
 * again.
 */
export async function tick(checkbox: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await checkbox.check();
      return;
    } catch (error) {
      if (attempt === 3 || !String(error).includes('did not change its state')) throw error;
    }
  }
}

/**
 * Clicks a dialog's submit button until the browser sends the request it makes (`sent` tells it by method and
 * path). A click on a dialog that is still opening can be lost on a loaded machine, sending nothing; a click
 * that was taken shows the button loading, which takes no second click.
 */
export async function submitDialog(
  page: Page,
  button: Locator,
  sent: (method: string, path: string) => boolean,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const request = page.waitForRequest((r) => sent(r.method(), new URL(r.url()).pathname), {
      timeout: 2_000,
    });
    await button.click();
    try {
      await request;
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      console.warn(`submitDialog: nothing sent 2 s after click ${attempt}; clicking again`);
    }
  }
}

/**
 * Picks the option of an antd radio group (its button's text), in the group or page given. A click on a
 * button of a dialog that is still opening can be lost on a loaded machine, and a group with a default then
 * submits the default: the pick is clicked again until its radio reads checked.
 */
export async function pick(group: Page | Locator, option: string): Promise<void> {
  const picked = group.getByRole('radio', { name: option, exact: true, checked: true });
  for (let attempt = 1; ; attempt += 1) {
    await group.getByText(option, { exact: true }).click();
    try {
      // Attached, not visible: antd draws the button, its radio input has no size.
      await picked.waitFor({ state: 'attached', timeout: 1_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      console.warn(`pick: 「${option}」 not checked 1 s after click ${attempt}; clicking again`);
    }
  }
}
