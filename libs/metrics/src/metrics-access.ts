// Who may read the platform's Prometheus metrics. They name no person and no case (labels are route
// templates, task kinds, activity types), but they tell how much the platform is used and where it hurts:
// with METRICS_TOKEN set, a reader sends it as a bearer token; without, only a client on this very machine
// that came through no proxy (a reverse proxy on the same host would otherwise pass the internet's requests).

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type MetricsAccess = 'allowed' | 'token-required' | 'local-only';

export function metricsAccess(req: IncomingMessage, token: string | undefined): MetricsAccess {
  if (token !== undefined) {
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return given !== undefined && sameSecret(given, token) ? 'allowed' : 'token-required';
  }
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !proxied && isLoopback(req.socket.remoteAddress) ? 'allowed' : 'local-only';
}

/** What a refused reader is told, in Chinese, with the HTTP status. */
export const METRICS_REFUSALS: Record<
  Exclude<MetricsAccess, 'allowed'>,
  { status: number; message: string }
> = {
  'token-required': {
    status: 401,
    message: '读取监控指标需提供有效的令牌（Authorization: Bearer METRICS_TOKEN）',
  },
  'local-only': { status: 403, message: '未设置 METRICS_TOKEN 时，监控指标只对本机直接访问开放' },
};

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(v4);
}

// Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong character.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
