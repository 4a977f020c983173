// The web UI is a single-page app: its built files are served as they are, and every other path outside
// the API answers index.html, where the browser's router takes over (a bookmarked /cases/… page too).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>网页未构建</title>
<p>网页尚未构建：请先运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）。API 仍在 <a href="/api/docs">/api/docs</a>。</p>`;

export function serveWeb(app: NestExpressApplication, webRoot: string, apiPrefix: string): void {
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
    const ownedByApi = request.path === apiPrefix || request.path.startsWith(`${apiPrefix}/`);
    if (ownedByApi || !['GET', 'HEAD'].includes(request.method)) return next();
    response.setHeader('cache-control', 'no-cache');
    if (!existsSync(index)) return void response.status(503).type('html').send(NOT_BUILT);
    response.sendFile(index);
  });
}
