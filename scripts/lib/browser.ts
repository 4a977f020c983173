// Debian's Chromium (/usr/bin/chromium) with the Chinese fonts, driven by playwright-core: the browser
// specs' and the benchmark's. Headless, and with the flags that keep it from calling out of a closed network.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CJK_FONTS = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
// pdftotext (poppler-utils): the specs read back the PDFs the browser prints.
const PDF_TO_TEXT = '/usr/bin/pdftotext';
const INSTALL = 'apt-get update && apt-get install -y chromium fonts-noto-cjk poppler-utils';

/**
 * Chromium, the CJK fonts and pdftotext, installed with apt-get where the process may (root); otherwise an error
 * with the one command that installs them.
 */
export function ensureBrowser(log: (message: string) => void): void {
  if ([CHROMIUM, CJK_FONTS, PDF_TO_TEXT].every((path) => existsSync(path))) return;
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
