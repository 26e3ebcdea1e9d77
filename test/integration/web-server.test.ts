/**
 * The web listener's socket side (SPEC §10, issue 10): plain HTTP and TLS, WebSocket upgrades
 * through hono routes (the hook the browser terminal uses), and the bounds on connections that
 * never send a request.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { silentLogger } from '../../src/logger.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';

const servers: WebServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function echoApp(): Hono {
  const app = new Hono();
  app.get('/hello', (c) => c.text('hello'));
  app.get('/ws', upgradeWebSocket(() => ({
    onMessage(evt, ws) { ws.send(`echo:${String(evt.data)}`); },
  })));
  app.get('/ws-refused', (c) => c.text('no', 403));
  return app;
}

async function start(extra: Partial<Parameters<typeof startWebServer>[0]> = {}): Promise<WebServer> {
  const server = await startWebServer({
    host: '127.0.0.1', port: 0, requestTimeoutMs: 10_000, maxConnections: 256, app: echoApp(), logger: silentLogger(), ...extra,
  });
  servers.push(server);
  return server;
}

/** Sends `text` on a WebSocket to `/ws` and answers the first reply, then closes it. */
async function wsEcho(port: number, text: string): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  try {
    return await new Promise<string>((resolve, reject) => {
      ws.once('open', () => ws.send(text));
      ws.once('message', (data) => resolve(String(data)));
      ws.once('error', reject);
    });
  } finally {
    ws.close();
  }
}

describe('web server', () => {
  it('serves the app on an ephemeral port', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/hello`);
    expect(await res.text()).toBe('hello');
  });

  it('upgrades a WebSocket on a hono route and refuses it where the route answers with a status', async () => {
    const server = await start();
    expect(await wsEcho(server.port, 'ping')).toBe('echo:ping');
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/ws-refused`);
    const status = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });

  it('closes connections that never send a request once the request time-out passes', async () => {
    const server = await start({ requestTimeoutMs: 500 });
    const sockets = Array.from({ length: 50 }, () => connect(server.port, '127.0.0.1').on('error', () => undefined));
    let closed = 0;
    for (const s of sockets) s.once('close', () => { closed += 1; });
    await vi.waitFor(() => expect(closed).toBe(50), { timeout: 5_000, interval: 50 });
    // The server still answers.
    expect(await (await fetch(`http://127.0.0.1:${server.port}/hello`)).text()).toBe('hello');
  });

  it('refuses connections beyond maxConnections at once', async () => {
    const server = await start({ maxConnections: 10 });
    const sockets = Array.from({ length: 15 }, () => connect(server.port, '127.0.0.1').on('error', () => undefined));
    let closed = 0;
    for (const s of sockets) s.once('close', () => { closed += 1; });
    await vi.waitFor(() => expect(closed).toBe(5), { timeout: 3_000, interval: 20 });
    for (const s of sockets) s.destroy();
  });

  it('serves HTTPS with the configured certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccmd-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const server = await start({ tls: { cert, key } });
    expect(server.tls).toBe(true);
    const body = await new Promise<string>((resolve, reject) => {
      httpsGet({ host: '127.0.0.1', port: server.port, path: '/hello', rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString(); });
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toBe('hello');
  });

  it('fails to start with the unreadable TLS file named', async () => {
    await expect(start({ tls: { cert: '/nonexistent/cert.pem', key: '/nonexistent/key.pem' } }))
      .rejects.toThrow(/webTls.cert: cannot read \/nonexistent\/cert.pem/);
  });

  it('loads the app on the first request, once, and a WebSocket can be the first (issue 14)', async () => {
    const load = vi.fn(async () => echoApp());
    const server = await start({ app: load });
    await new Promise((r) => setTimeout(r, 50));
    expect(load).not.toHaveBeenCalled(); // listening, nothing loaded
    expect(await wsEcho(server.port, 'first')).toBe('echo:first');
    const texts = await Promise.all([1, 2, 3].map(async () => (await fetch(`http://127.0.0.1:${server.port}/hello`)).text()));
    expect(texts).toEqual(['hello', 'hello', 'hello']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers 500 while the app fails to load, and serves once it loads', async () => {
    let fail = true;
    const server = await start({ app: async () => { if (fail) throw new Error('broken'); return echoApp(); } });
    expect((await fetch(`http://127.0.0.1:${server.port}/hello`)).status).toBe(500);
    fail = false;
    expect(await (await fetch(`http://127.0.0.1:${server.port}/hello`)).text()).toBe('hello');
  });
});
