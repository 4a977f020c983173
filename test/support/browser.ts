// The browser specs' set-up and pages: the platform and Debian's Chromium (scripts/lib/browser.ts) started
// for a spec, pages at the three viewports signed in through the login screen, with a screenshot of
// each screen saved by the run.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../scripts/lib/browser';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';
import { Lifecycle } from './lifecycle';
import { type Platform, startPlatform } from './platform';

export { ensureBrowser, launchBrowser } from '../../scripts/lib/browser';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

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
 * select shows it chosen. A click that lands while the dropdown is still sliding in (a busy machine) is
 * lost: the dropdown is closed and the pick made again.
 */
export async function chooseOption(page: Page, label: string, option: string, nth = 0): Promise<void> {
  const select = page
    .locator('.ant-select')
    .filter({ has: page.getByLabel(label) })
    .nth(nth);
  const chosen = select.locator('.ant-select-selection-item', { hasText: option });
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    await page.getByTitle(option, { exact: true }).last().click();
    try {
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
