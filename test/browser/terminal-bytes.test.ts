/**
 * Issue 11, in Debian's chromium: every byte 0x00-0xFF goes through the browser terminal to a
 * socat device and back unchanged; and the keystroke round trip, measured in the page with
 * performance.now() around a key and its echo from the simulated device, beside the same through
 * an OpenSSH client on the same daemon (figures printed and written to test-results/latency.json).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshClient, type InteractiveClient } from '../support/clients.js';
import { REPO } from '../support/daemon.js';
import { killAllPtyPairs, makePtyPair, openPeer } from '../support/socat.js';
import {
  launchBrowser, logIn, loggedIn, startWebDaemon, typeInTerminal, waitForStatus, waitForTerminalText, type WebDaemon,
} from './browser-fixture.js';

let browser: Browser;
let web: WebDaemon;
let peer: Duplex;
/** adm1's logged-in context, shared by the tests (each login costs a scrypt hash). */
let admin: BrowserContext;
const clients: InteractiveClient[] = [];
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => i);
const ROUND_TRIPS = 200;

beforeAll(async () => {
  const pair = await makePtyPair(mkdtempSync(join(tmpdir(), 'ccmd-web-pty-')), 'dev1');
  [browser, web] = await Promise.all([
    launchBrowser(),
    startWebDaemon([{ name: 'adm1', password: 'adm1-secret', access: 'ADMIN' }], {},
      { profile: 'ccm850', config: { ports: { '1': { device: pair.devicePath } } } }),
  ]);
  peer = openPeer(pair.peerPath);
  admin = (await loggedIn(browser, web, 'adm1', 'adm1-secret')).context;
});

afterAll(async () => {
  peer?.destroy();
  await Promise.all(clients.map((c) => c.close()));
  await browser?.close();
  await web?.daemon.stop();
  await killAllPtyPairs();
});

/** A TCP relay to the web port whose `drop()` cuts every connection through it: a network drop. */
async function droppingRelay(target: number): Promise<{ port: number; drop(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((browserSide) => {
    const daemonSide = connect(target, '127.0.0.1');
    for (const s of [browserSide, daemonSide]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); browserSide.destroy(); daemonSide.destroy(); });
    }
    browserSide.pipe(daemonSide).pipe(browserSide);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    drop: () => { for (const s of sockets) s.destroy(); },
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('browser terminal bytes and latency (browser)', { timeout: 60_000 }, () => {
  it('carries every byte 0x00-0xFF to the device and back unchanged', async () => {
    const page = await admin.newPage();
    await page.goto(`${web.base}/ports/1/terminal`);
    await waitForStatus(page, 'Connection Complete');

    // Device → page: the page taps the bytes as they arrive, before xterm parses them.
    await page.evaluate(() => {
      const g = globalThis as unknown as { got: number[]; ccmdTerminal: { onBytes(l: (b: Uint8Array) => void): void } };
      g.got = [];
      g.ccmdTerminal.onBytes((bytes) => g.got.push(...bytes));
    });
    peer.write(Buffer.from(ALL_BYTES));
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { got: number[] }).got), { timeout: 5000 }).toEqual(ALL_BYTES);

    // Page → device: the access character (^D, 0x04) is typed twice to send one (SPEC §6).
    const received: Buffer[] = [];
    peer.on('data', (chunk: Buffer) => received.push(chunk));
    const typed = ALL_BYTES.flatMap((b) => (b === 0x04 ? [b, b] : [b]));
    await page.evaluate((bytes) => {
      (globalThis as unknown as { ccmdTerminal: { sendBytes(b: Uint8Array): void } }).ccmdTerminal.sendBytes(Uint8Array.from(bytes));
    }, typed);
    await expect.poll(() => [...Buffer.concat(received)], { timeout: 5000 }).toEqual(ALL_BYTES);
    await page.close();
  });

  it('reconnects the browser terminal with backoff after a network drop', async () => {
    const relay = await droppingRelay(Number(new URL(web.base).port));
    const base = `http://127.0.0.1:${relay.port}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, base, 'adm1', 'adm1-secret');
    await page.goto(`${base}/ports/5/terminal`);
    await waitForStatus(page, 'Connection Complete');
    const connections = () => page.evaluate(() => (globalThis as unknown as { ccmdTerminal: { connections: number } }).ccmdTerminal.connections);
    expect(await connections()).toBe(1);
    relay.drop();
    await expect.poll(() => page.locator('#conn-status').textContent(), { timeout: 5000 }).toMatch(/^Connection Disconnected \(reconnecting in/);
    await waitForStatus(page, 'Connection Complete');
    expect(await connections()).toBe(2);
    await typeInTerminal(page, 'after-the-drop');
    await waitForTerminalText(page, 'after-the-drop');
    await context.close();
    await relay.close();
  });

  it('measures the keystroke round trip in the page beside OpenSSH', async () => {
    const page = await admin.newPage();
    await page.goto(`${web.base}/ports/2/terminal`);
    await waitForStatus(page, 'Connection Complete');
    // In the page: a key into xterm (as typed), timed until its echo has been written to the screen.
    const browserMs = await page.evaluate(async (count) => {
      const t = (globalThis as unknown as { ccmdTerminal: {
        term: { input(data: string, user: boolean): void; write(data: Uint8Array, done: () => void): void };
        onBytes(l: (b: Uint8Array) => void): () => void;
      } }).ccmdTerminal;
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const key = 'a'.charCodeAt(0) + (i % 26);
        const echoed = new Promise<number>((resolve) => {
          const off = t.onBytes((bytes) => {
            if (!bytes.includes(key)) return;
            off();
            t.term.write(new Uint8Array(0), () => resolve(performance.now()));
          });
        });
        const start = performance.now();
        t.term.input(String.fromCharCode(key), true);
        samples.push((await echoed) - start);
      }
      return samples;
    }, ROUND_TRIPS);
    await page.close();

    const ssh = await sshClient({ port: web.sshPort, user: 'adm1:3', password: 'adm1-secret' });
    clients.push(ssh);
    await ssh.expect(/Connection complete: port 3/, 10_000);
    const sshMs: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const key = String.fromCharCode('a'.charCodeAt(0) + (i % 26));
      const marker = `${key}`;
      const start = performance.now();
      ssh.send(marker);
      await ssh.expect(marker, 5000);
      sshMs.push(performance.now() - start);
    }

    const summary = (samples: number[]) => {
      const sorted = [...samples].sort((a, b) => a - b);
      return { n: sorted.length, p50: +percentile(sorted, 50).toFixed(2), p99: +percentile(sorted, 99).toFixed(2) };
    };
    const result = { browser: summary(browserMs), ssh: summary(sshMs) };
    mkdirSync(join(REPO, 'test-results'), { recursive: true });
    writeFileSync(join(REPO, 'test-results', 'latency.json'), JSON.stringify(result, null, 2));
    console.log(`keystroke round trip ms: browser p50 ${result.browser.p50} p99 ${result.browser.p99}; ssh p50 ${result.ssh.p50} p99 ${result.ssh.p99}`);
    expect(browserMs).toHaveLength(ROUND_TRIPS);
    expect(result.browser.p50).toBeGreaterThan(0);
  });
});
