import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortLog, portLogPath } from './port-log.js';

/** Far longer than the test waits, so "not yet written" cannot be luck. */
const LONG_GATHER_MS = 60_000;

let dir: string;
let log: PortLog;

beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'ccmd-portlog-gather-')); });
afterEach(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (): string => portLogPath(dir, 1);
const contents = (): string => (existsSync(file()) ? readFileSync(file(), 'latin1') : '');

async function until(what: string, ok: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('PortLog gathering (one file write per interval at console rates)', () => {
  it('keeps small output in memory until the gather interval or a flush', async () => {
    log = new PortLog({ file: file(), now: () => 0, gatherMs: LONG_GATHER_MS });
    log.write(Buffer.from('one '));
    log.write(Buffer.from('two'));
    await new Promise((r) => setTimeout(r, 150));
    expect(contents()).not.toContain('one');
    await log.flush();
    expect(contents()).toMatch(/one two$/);
  });

  it('writes on its own once the interval has passed', async () => {
    log = new PortLog({ file: file(), now: () => 0, gatherMs: 30 });
    log.write(Buffer.from('later'));
    await until('the gathered write', () => contents().endsWith('later'));
  });

  it('writes a backlog of a quarter of its buffer at once, without waiting for the interval', async () => {
    log = new PortLog({ file: file(), now: () => 0, gatherMs: LONG_GATHER_MS, bufferBytes: 64 * 1024 });
    log.write(Buffer.alloc(16 * 1024, 0x61));
    await until('the backlog on disk', () => contents().includes('a'.repeat(16 * 1024)));
  });
});
