// The browser specs' pages: Debian's Chromium (scripts/lib/browser.ts) at the issue's three viewports,
// signed in through the login screen, with a screenshot of each screen saved by the run.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';

export { ensureBrowser, launchBrowser } from '../../scripts/lib/browser';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

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
