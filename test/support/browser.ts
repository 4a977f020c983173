// The browser specs' Chromium: Debian's (/usr/bin/chromium) with the Chinese fonts, driven by
// playwright-core. Headless, and with the flags that keep it from calling out of this closed network.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CJK_FONTS = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const INSTALL = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * Chromium and the CJK fonts, installed with apt-get where the run may (root); otherwise the one command
 * that installs them. Called once by the test set-up.
 */
export function ensureBrowser(log: (message: string) => void): void {
  if (existsSync(CHROMIUM) && existsSync(CJK_FONTS)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`浏览器测试需要 Debian 的 Chromium 和中文字体，请先运行: sudo sh -c '${INSTALL}'`);
  }
  log(`正在安装 Chromium 与中文字体（仅首次）: ${INSTALL}`);
  execFileSync('sh', ['-c', INSTALL], { stdio: 'ignore', timeout: 15 * 60_000 });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

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
