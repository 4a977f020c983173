// The web UI is a single-page app: its built files are served as they are, and every other path outside
// the API answers index.html, where the browser's router takes over (a bookmarked /cases/… page too).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

// The page runs only its own scripts and talks only to its own origin; antd writes its styles inline.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>网页未构建</title>
<p>网页尚未构建：请先运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）。API 仍在 <a href="/api/docs">/api/docs</a>。</p>`;

export function serveWeb(app: NestExpressApplication, webRoot: string, apiPrefix: string): void {
  const ownedByApi = (path: string) => path === apiPrefix || path.startsWith(`${apiPrefix}/`);
  // The bundles travel gzipped (a phone in a village may be on a slow link); the API's answers as they are.
  app.use(
    compression({
      filter: (request, response) => !ownedByApi(request.path) && compression.filter(request, response),
    }),
  );
  // Hashed bundles never change under their name; index.html is asked anew each time.
  app.useStaticAssets(webRoot, {
    index: false,
    setHeaders: (response, path) =>
      response.setHeader(
        'cache-control',
        path.includes(`${join(webRoot, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  const index = join(webRoot, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (ownedByApi(request.path) || !['GET', 'HEAD'].includes(request.method)) return next();
    response.set(PAGE_HEADERS);
    if (!existsSync(index)) return void response.status(503).type('html').send(NOT_BUILT);
    response.sendFile(index);
  });
}
