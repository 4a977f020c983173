import { serveMetrics } from './metrics-server';

const source = { contentType: 'text/plain; version=0.0.4', metrics: async () => 'up 1\n' };

async function withServer(token: string | undefined, body: (url: string) => Promise<void>): Promise<void> {
  const served = await serveMetrics({ host: '127.0.0.1', port: 0, token, source });
  try {
    await body(`http://127.0.0.1:${served.port}`);
  } finally {
    await served.close();
  }
}

describe('serveMetrics', () => {
  it('answers a client on this machine without a token, but not one that came through a proxy', () =>
    withServer(undefined, async (url) => {
      const direct = await fetch(`${url}/metrics`);
      expect(direct.status).toBe(200);
      expect(direct.headers.get('content-type')).toBe(source.contentType);
      expect(await direct.text()).toBe('up 1\n');
      const proxied = await fetch(`${url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(proxied.status).toBe(403);
      expect(await proxied.text()).toContain('METRICS_TOKEN');
      expect((await fetch(`${url}/other`)).status).toBe(404);
    }));

  it('asks for the bearer token once METRICS_TOKEN is set', () =>
    withServer('metrics-token-0123456789', async (url) => {
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-0123456789', 'x-forwarded-for': '203.0.113.9' },
      });
      expect(right.status).toBe(200);
    }));
});
