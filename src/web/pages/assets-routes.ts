/**
 * Static files of the console (issue 11): its stylesheet, the `.mjs` builds and stylesheet that
 * `@xterm/xterm` and `@xterm/addon-fit` ship (no bundler; the import map names them), and the
 * page modules compiled by tsc from `web/client/` into `dist/web/client/`. Files are read once
 * and kept; only the names listed (or compiled client modules) are served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { CONSOLE_CSS } from './console-css.js';
import type { PagesEnv } from './console-context.js';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The package root (where package.json is), from here in src/ or in dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('web console: package.json not found above the pages module');
    dir = up;
  }
  return dir;
}

function vendorFiles(): Map<string, { type: string; path: string }> {
  const require = createRequire(import.meta.url);
  const xterm = dirname(require.resolve('@xterm/xterm/package.json'));
  const fit = dirname(require.resolve('@xterm/addon-fit/package.json'));
  return new Map([
    ['xterm.mjs', { type: JS, path: join(xterm, 'lib', 'xterm.mjs') }],
    ['xterm.css', { type: CSS, path: join(xterm, 'css', 'xterm.css') }],
    ['addon-fit.mjs', { type: JS, path: join(fit, 'lib', 'addon-fit.mjs') }],
  ]);
}

export function assetsRoutes(app: Hono<PagesEnv>): void {
  const vendor = vendorFiles();
  const clientDir = join(packageRoot(), 'dist', 'web', 'client');
  const cache = new Map<string, Buffer>();
  const read = (path: string): Buffer | null => {
    const hit = cache.get(path);
    if (hit !== undefined) return hit;
    if (!existsSync(path)) return null;
    const data = readFileSync(path);
    cache.set(path, data);
    return data;
  };
  const cacheHeaders = { 'Cache-Control': 'max-age=300' };

  // No icon: an empty answer instead of a 404 in every browser's console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/assets/console.css', (c) => c.body(CONSOLE_CSS, 200, { 'Content-Type': CSS, ...cacheHeaders }));
  app.get('/assets/vendor/:file', (c) => {
    const file = vendor.get(c.req.param('file'));
    const data = file === undefined ? null : read(file.path);
    if (file === undefined || data === null) return c.text('Not found', 404);
    return c.body(new Uint8Array(data), 200, { 'Content-Type': file.type, ...cacheHeaders });
  });
  const compiled = (path: string) => {
    const data = read(path);
    return data === null ? null : new Uint8Array(data);
  };
  app.get('/assets/app/:file{[a-z-]+\\.js}', (c) => {
    const data = compiled(join(clientDir, c.req.param('file')));
    if (data === null) return c.text('Not found (run npm run build)', 404);
    return c.body(data, 200, { 'Content-Type': JS, ...cacheHeaders });
  });
  // The wire format both sides share; the client modules import it as `../terminal-protocol.js`.
  app.get('/assets/terminal-protocol.js', (c) => {
    const data = compiled(join(clientDir, '..', 'terminal-protocol.js'));
    if (data === null) return c.text('Not found (run npm run build)', 404);
    return c.body(data, 200, { 'Content-Type': JS, ...cacheHeaders });
  });
}
