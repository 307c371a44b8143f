import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import compression from 'compression';
import express, { Router } from 'express';
import { ApiError } from './errors';

/** Where `npm run console:build` (Vite) writes the console. */
export const consoleDist = join(__dirname, '..', 'console', 'dist');

/**
 * The console (工作台), a single-page app under /console: its hashed assets cached for good, its
 * page never (so a new build is picked up at the next load), and every other path under /console
 * answered with the page, whose router draws it. Not an API resource: outside /api/v1, the action
 * log and the OpenAPI document.
 */
export function consoleRoutes(dist = consoleDist): Router {
  const router = Router();
  // Gzipped on the way (a third of the bytes): offices reach the console over slow township links.
  router.use('/console', compression());
  const page = join(dist, 'index.html');
  router.use(
    '/console/assets',
    express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.get(['/console', '/console/{*rest}'], (_req, res, next) => {
    if (!existsSync(page))
      return next(
        new ApiError(503, 'console_not_built', 'the console is not built: run npm run console:build'),
      );
    res.set('Cache-Control', 'no-cache').sendFile(page);
  });
  router.get('/', (_req, res) => res.redirect('/console/'));
  return router;
}

// Its folder, not its main module: that loads the whole bundle into the API process to no use.
const swaggerUiDist = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The interactive API reference for integrators: Swagger UI (its own files, offline) over the API's
 * own OpenAPI document. Its initializer is a file, not an inline script, so the content security
 * policy stays `script-src 'self'`.
 */
export function apiReferenceRoutes(): Router {
  const router = Router();
  router.use('/api/reference', compression());
  router.get('/api/reference/initializer.js', (_req, res) => {
    res
      .type('application/javascript')
      .send(
        `window.onload = () => { window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false }); };\n`,
      );
  });
  router.get('/api/reference/', (_req, res) => {
    res.type('html').send(referencePage);
  });
  router.use('/api/reference', express.static(swaggerUiDist, { index: false, maxAge: '1d' }));
  return router;
}

const referencePage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Lianxin API reference · 连心 API 参考</title>
    <link rel="stylesheet" href="/api/reference/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/reference/swagger-ui-bundle.js"></script>
    <script src="/api/reference/initializer.js"></script>
  </body>
</html>
`;
