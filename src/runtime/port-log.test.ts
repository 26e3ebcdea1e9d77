import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { logTimestamp, PortLog, portLogPath, type PortLogOptions } from './port-log.js';
import { PortLogs } from './port-logs.js';

let dir: string;
let clock: FakeClock;
const T0 = Date.UTC(2026, 10, 22, 13, 5, 0);
const logs: PortLog[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ccmd-portlog-'));
  clock = new FakeClock(T0);
});
afterEach(async () => {
  await Promise.all(logs.splice(0).map((l) => l.close()));
  rmSync(dir, { recursive: true, force: true });
});

function open(opts: Partial<PortLogOptions> = {}, port = 3): PortLog {
  const log = new PortLog({ file: portLogPath(dir, port), clock, ...opts });
  logs.push(log);
  return log;
}

const read = (file = portLogPath(dir, 3)): string => readFileSync(file, 'utf8');
const stamps = (text: string): string[] => text.match(/--- \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC ---/g) ?? [];

describe('PortLog', () => {
  it('writes device output to <data dir>/logs/port<n>.log with an opening timestamp', async () => {
    const log = open();
    log.write(Buffer.from('device3$ '));
    log.write(Buffer.from('uptime\r\n'));
    await log.flush();
    expect(read()).toBe('--- 2026-11-22 13:05:00 UTC ---\ndevice3$ uptime\r\n');
  });

  it('returns from write before anything reaches the disk', () => {
    const log = open();
    log.write(Buffer.from('x'));
    expect(() => statSync(portLogPath(dir, 3))).toThrow();
  });

  it('adds a timestamp line at most once a minute while data flows', async () => {
    const log = open();
    for (let i = 0; i < 10; i++) {
      log.write(Buffer.from(`line ${i}\n`));
      await log.flush();
      clock.advance(20_000);
    }
    // Writes at 0, 20, ..., 180 s: stamps at 0, 60, 120 and 180 s.
    expect(stamps(read())).toEqual(['13:05:00', '13:06:00', '13:07:00', '13:08:00']
      .map((t) => `--- 2026-11-22 ${t} UTC ---`));
  });

  it('marks attach and detach events between the data', async () => {
    const log = open();
    log.write(Buffer.from('before'));
    log.mark('alice attached (ssh, rw)');
    log.write(Buffer.from('after'));
    await log.flush();
    expect(read()).toContain('before\n--- alice attached (ssh, rw) ---\nafter');
  });

  it('rotates at maxBytes and keeps the configured number of old files', async () => {
    const log = open({ maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 40; i++) {
      log.write(Buffer.from(`${String(i).padStart(3, '0')} ${'x'.repeat(95)}\n`));
      await log.flush();
    }
    const files = readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['port3.log', 'port3.log.1', 'port3.log.2']);
    for (const f of files) expect(statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(1000);
    expect(statSync(path.join(dir, 'logs', 'port3.log.1')).size).toBe(1000);
    // The newest data is in port3.log, each rotated file starts with a timestamp.
    expect(read()).toContain('039 ');
    expect(read(`${portLogPath(dir, 3)}.1`).startsWith(`--- ${logTimestamp(T0)} UTC ---\n`)).toBe(true);
  });

  it('drops and counts what exceeds the memory bound, and notes it in the log', async () => {
    const log = open({ bufferBytes: 100 });
    for (let i = 0; i < 5; i++) log.write(Buffer.alloc(40, 0x61 + i));
    // Stamp (32 bytes) + two 40-byte chunks fit; the other three are dropped.
    expect(log.lostBytes).toBe(120);
    await log.flush();
    log.write(Buffer.from('later'));
    await log.flush();
    expect(read()).toContain('--- 120 bytes not logged (log writer behind) ---\nlater');
  });

  it('reports a write error once, does not throw, and logs again once the path is usable', async () => {
    const file = portLogPath(dir, 3);
    mkdirSync(file, { recursive: true }); // a directory where the file should be: EISDIR
    const errors: string[] = [];
    const log = open({ retryMs: 5_000, onError: (err) => errors.push(err.code ?? '?') });
    log.write(Buffer.from('lost 1'));
    await log.flush();
    log.write(Buffer.from('lost 2')); // within retryMs: dropped without touching the disk
    clock.advance(6_000);
    log.write(Buffer.from('lost 3')); // retried, fails again, not reported again
    await log.flush();
    expect(errors).toEqual(['EISDIR']);
    expect(log.lostBytes).toBeGreaterThanOrEqual(18);
    rmSync(file, { recursive: true });
    clock.advance(6_000);
    log.write(Buffer.from('back'));
    await log.flush();
    expect(read()).toMatch(/^--- 2026-11-22 13:05:12 UTC ---\n\n--- \d+ bytes not logged \(write error EISDIR\) ---\nback$/);
  });

  it('reports a logs "directory" that is a file as an error, not a crash', async () => {
    writeFileSync(path.join(dir, 'logs'), 'not a directory');
    const errors: string[] = [];
    const log = open({ onError: (err) => errors.push(err.code ?? '?') });
    log.write(Buffer.from('data'));
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(['ENOTDIR', 'EEXIST']).toContain(errors[0]);
  });

  it('LOG=OFF stops writing; LOG=ON starts again with a timestamp', async () => {
    const log = open();
    log.write(Buffer.from('one\n'));
    log.setEnabled(false);
    log.write(Buffer.from('ignored\n'));
    log.mark('nobody sees this');
    await log.flush();
    clock.advance(5_000);
    log.setEnabled(true);
    log.write(Buffer.from('two\n'));
    await log.flush();
    expect(read()).toBe('--- 2026-11-22 13:05:00 UTC ---\none\n\n--- 2026-11-22 13:05:05 UTC ---\ntwo\n');
  });

  it('close flushes what is queued and ignores later writes', async () => {
    const log = open({}, 7);
    log.write(Buffer.from('last words'));
    await log.close();
    log.write(Buffer.from('too late'));
    await log.flush();
    expect(read(portLogPath(dir, 7))).toBe('--- 2026-11-22 13:05:00 UTC ---\nlast words');
  });
});

describe('PortLogs', () => {
  it('keeps one log per port, marks by port number and honours each port\'s LOG setting', async () => {
    const errors: unknown[] = [];
    const logger = { error: (obj: unknown) => errors.push(obj) } as unknown as Logger;
    const set = new PortLogs(dir, 3, clock, logger, (port) => port !== 2);
    set.get(1)!.write(Buffer.from('one'));
    set.mark(1, 'alice attached (ssh, rw)');
    set.get(2)!.write(Buffer.from('two'));
    set.mark(9, 'no such port: ignored');
    await set.close();
    expect(read(portLogPath(dir, 1))).toBe('--- 2026-11-22 13:05:00 UTC ---\none\n--- alice attached (ssh, rw) ---\n');
    expect(readdirSync(path.join(dir, 'logs'))).toEqual(['port1.log']);
    expect(set.get(4)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
