// Signing in and out in the browser: the login screen, the header with who is signed in, the menu by
// role, and a wrong password answered in Chinese.

import { openPage, screenshot, signIn, browserSpec } from '../support/browser';
import { createUser } from '../support/users';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';

const spec = browserSpec();

const DONGLI_EAST = '370323104201';

it('a caseworker signs in, sees who she is and her menu, and signs out', async () => {
  const { username } = await createUser(spec.platform.dataSource, 'caseworker', DONGLI_EAST);
  const page = await openPage(spec.browser, spec.platform.origin);
  await signIn(page, username);

  const account = page.getByRole('button', { name: /测试用户/ });
  expect(await account.textContent()).toMatch(/村工作专员.*东里东村/);
  await page.getByRole('menuitem', { name: '新建申请' }).waitFor();
  expect(await page.getByRole('menuitem', { name: '数据比对' }).count()).toBe(0);
  await screenshot(page, 'inbox-caseworker');

  await page.getByRole('button', { name: /测试用户/ }).hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  // The token is gone with the session: a signed-in page now leads back to the login.
  await page.goto('/notifications');
  await page.waitForURL(/\/login\?next=/);
});

it('a wrong password is refused in Chinese and nothing opens', async () => {
  const { username } = await createUser(spec.platform.dataSource, 'townshipReviewer', '370323104');
  const page = await openPage(spec.browser, spec.platform.origin);
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('not-the-password-1');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  await screenshot(page, 'login-refused');
});

it('a page bookmarked before signing in opens after it', async () => {
  const { username } = await createUser(spec.platform.dataSource, 'caseworker', DONGLI_EAST);
  const page = await openPage(spec.browser, spec.platform.origin, 'phone');
  await page.goto('/notifications');
  await page.waitForURL(/\/login\?next=%2Fnotifications/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL('**/notifications');
  await page.getByRole('button', { name: '全部标为已读' }).waitFor();
  await screenshot(page, 'notifications-phone');
});
