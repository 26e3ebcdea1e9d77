/**
 * Per-port log files (issue 6; `<data dir>/logs/port<n>.log`, src/runtime/port-log.ts) with a
 * real pty device (socat): what the device says while nobody is attached is logged, under a
 * `--- YYYY-MM-DD HH:MM:SS UTC ---` line; attach and detach are marked; the file rotates at the
 * configured size (`portLogs: {maxBytes: 4096, keep: 2}`); `PORT 1 SET LOG=OFF` stops it.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { killAllPtyPairs, makePtyPair, openPeer, type PtyPair } from '../support/socat.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, holdPort } from './access-fixture.js';
import { execOk } from './sessions-fixture.js';

const MAX_BYTES = 4096;
const KEEP = 2;
const STAMP = /^--- (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC ---$/m;

let daemon: DaemonProcess;
let pair: PtyPair;
let peer: Duplex;
let logFile: string;
const clients = new Clients(() => daemon);

beforeAll(async () => {
  pair = await makePtyPair(mkdtempSync(join(tmpdir(), 'ccmd-pty-')), 'port1');
  const dataDir = await seededDataDir(CAST);
  daemon = await startDaemon({
    dataDir, profile: 'ccm850',
    config: { ports: { 1: { device: pair.devicePath } }, portLogs: { enabled: true, maxBytes: MAX_BYTES, keep: KEEP } },
  });
  logFile = join(dataDir, 'logs', 'port1.log');
  peer = openPeer(pair.peerPath);
  peer.on('data', () => undefined); // what users type reaches the device: keep the pty drained
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  peer?.destroy();
  await daemon?.stop();
  await killAllPtyPairs();
});

function readLog(file = logFile): string {
  return existsSync(file) ? readFileSync(file, 'latin1') : '';
}

/** Polls the log until `ok` holds for its text; fails with the text after `timeoutMs`. */
function waitForLog(ok: (text: string) => boolean, timeoutMs = 5000): Promise<string> {
  return vi.waitFor(() => {
    const text = readLog();
    expect(ok(text), `port1.log matches; it holds:\n${text.slice(-1500)}`).toBe(true);
    return text;
  }, { timeout: timeoutMs });
}

describe('port logs', () => {
  it('holds device output written while nobody is attached, under a UTC timestamp line', async () => {
    const before = Date.now();
    peer.write('boot: unattended line 1\r\n');
    const text = await waitForLog((t) => t.includes('boot: unattended line 1\r\n'));
    const stamp = STAMP.exec(text);
    expect(stamp).not.toBeNull();
    const at = Date.parse(`${stamp![1]!.replace(' ', 'T')}Z`);
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 60_000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(text.indexOf(stamp![0])).toBeLessThan(text.indexOf('boot: unattended line 1'));
  });

  it('marks attach and detach around what the attached user saw', async () => {
    const user = await holdPort(clients, 'ssh', 'usr1', 1);
    peer.write('while-attached 42\r\n');
    await user.expect('while-attached 42');
    user.send('\x04');
    await user.expect('> ');
    user.send('DISCONNECT\r');
    await user.expect('[ccmd] Connection disconnected: port 1');
    const text = await waitForLog((t) => t.includes('--- usr1 detached ---'));
    const attached = text.indexOf('--- usr1 attached (ssh, rw) ---');
    expect(attached).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('while-attached 42')).toBeGreaterThan(attached);
    expect(text.indexOf('--- usr1 detached ---')).toBeGreaterThan(text.indexOf('while-attached 42'));
  });

  it('PORT 1 SET LOG=OFF stops logging; LOG=ON starts again with a timestamp', async () => {
    await execOk(daemon, 'PORT 1 SET LOG=OFF');
    // A monitor proves the device's words went through ccmd while the log was off.
    const watcher = await clients.login('telnet', 'usr2');
    watcher.send('LISTEN 1\r');
    await watcher.expect('[ccmd] Connection complete: port 1');
    peer.write('said-while-off\r\n');
    await watcher.expect('said-while-off');
    await execOk(daemon, 'PORT 1 SET LOG=ON');
    peer.write('said-after-on\r\n');
    // The log is written in order: once the later line is there, the earlier one would be too.
    const text = await waitForLog((t) => t.includes('said-after-on'));
    expect(text).not.toContain('said-while-off');
    expect(text).not.toContain('usr2 attached');
    expect(text).toMatch(/\n--- \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC ---\nsaid-after-on\r\n/);
  });

  it(`rotates at maxBytes ${MAX_BYTES}: port1.log.1 appears, ${KEEP} kept, no file over the size`, async () => {
    const line = (i: number): string => `rotation line ${String(i).padStart(5, '0')} ${'x'.repeat(48)}\r\n`;
    const lines = 300; // ~20 KiB: five times the size
    for (let i = 0; i < lines; i += 20) {
      peer.write(Array.from({ length: 20 }, (_, k) => line(i + k)).join(''));
    }
    await waitForLog((t) => t.includes(line(lines - 1)), 10_000);
    const rotated = [1, 2].map((n) => `${logFile}.${n}`);
    for (const file of rotated) expect(existsSync(file)).toBe(true);
    expect(existsSync(`${logFile}.3`)).toBe(false);
    for (const file of [logFile, ...rotated]) {
      expect(statSync(file).size).toBeLessThanOrEqual(MAX_BYTES);
      expect(readLog(file)).toMatch(/^--- \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC ---\n/); // each file opens with a stamp
    }
    // Nothing is lost at the boundaries: without the stamp each file opens with (a rotation may
    // split a line, decided in port-log.ts), the kept files hold one contiguous run of lines.
    const body = (file: string): string => readLog(file).replace(/^--- [^\n]* UTC ---\n/, '');
    const kept = [...rotated].reverse().map(body).join('') + body(logFile);
    const numbers = [...kept.matchAll(/rotation line (\d{5}) x{48}\r\n/g)].map((m) => Number(m[1]));
    expect(numbers.at(-1)).toBe(lines - 1);
    expect(numbers).toEqual(numbers.map((_, k) => numbers[0]! + k));
  });
});
