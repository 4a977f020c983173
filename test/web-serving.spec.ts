// The web UI beside the API on one port: the page for every path outside /api, the bundles gzipped and
// cached for good, the API's own answers (a 404 too) untouched.

import { type Platform, startPlatform } from './support/platform';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

it('answers the page for the root and for a bookmarked screen, with headers that keep it to itself', async () => {
  for (const path of ['/', '/cases/2f1c0b7e-0000-4000-8000-000000000000', '/tasks/x?tab=mine']) {
    const response = await fetch(`${platform.origin}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<div id="root"></div>');
  }
});

it('sends the scripts gzipped and immutable, and the API stays JSON under /api', async () => {
  const page = await (await fetch(`${platform.origin}/`)).text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
  expect(script).toBeDefined();
  const bundle = await fetch(`${platform.origin}${script}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get('content-encoding')).toBe('gzip');
  expect(bundle.headers.get('cache-control')).toContain('immutable');

  const missing = await fetch(`${platform.baseUrl}/no-such-route`, { headers: { accept: 'text/html' } });
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toMatch(/application\/json/);
  expect(((await missing.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);

  const health = await fetch(`${platform.baseUrl}/health`);
  expect(health.headers.get('content-encoding')).toBeNull();
});
