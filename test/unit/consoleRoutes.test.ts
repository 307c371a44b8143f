import express from 'express';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiReferenceRoutes, consoleRoutes } from '../../api/console';
import { problemHandler } from '../../api/errors';

/** A console build as Vite writes one: the page, and hashed assets. */
function builtConsole(): string {
  const dist = mkdtempSync(join(tmpdir(), 'lianxin-console-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  return dist;
}

let server: Server;
let base: string;

async function serve(dist: string): Promise<void> {
  const app = express();
  app.use(consoleRoutes(dist));
  app.use(apiReferenceRoutes());
  app.use(problemHandler);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => server?.close());

describe('the console and the API reference, served by the API', () => {
  test('When any console path is asked for, then the page answers (its router draws the path), never cached', async () => {
    await serve(builtConsole());
    for (const path of ['/console', '/console/', '/console/requests/r-1']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  test('When an asset is asked for, then it is cached for good and gzipped for a browser that takes it', async () => {
    await serve(builtConsole());
    const res = await fetch(`${base}/console/assets/index-abc123.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const missing = await fetch(`${base}/console/assets/gone-123.js`);
    expect(missing.status).toBe(404);
  });

  test('When the console was never built, then its page answers 503 saying how to build it', async () => {
    await serve(mkdtempSync(join(tmpdir(), 'lianxin-unbuilt-')));
    const res = await fetch(`${base}/console/`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      'the console is not built: run npm run console:build',
    );
  });

  test('When the API reference is opened, then Swagger UI reads the API’s own document, from a script file', async () => {
    await serve(builtConsole());
    const page = await fetch(`${base}/api/reference/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/api/reference/swagger-ui-bundle.js"></script>');
    const init = await (await fetch(`${base}/api/reference/initializer.js`)).text();
    expect(init).toContain("url: '/api/v1/openapi.json'");
    const bundle = await fetch(`${base}/api/reference/swagger-ui-bundle.js`);
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
  });
});
