import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import { PortLog, portLogPath } from './port-log.js';
import { WriteGather } from './write-gather.js';

const GATHER_MS = 200;

let dir: string;
let log: PortLog;
let clock: FakeClock;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ccmd-portlog-gather-'));
  clock = new FakeClock();
});
afterEach(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (): string => portLogPath(dir, 1);
const contents = (): string => (existsSync(file()) ? readFileSync(file(), 'latin1') : '');

describe('PortLog gathering (one file write per interval at console rates)', () => {
  it('keeps small output in memory until the gather interval or a flush', async () => {
    log = new PortLog({ file: file(), clock, gatherMs: GATHER_MS });
    log.write(Buffer.from('one '));
    log.write(Buffer.from('two'));
    expect(clock.pending).toBe(1); // no write started: the gather timer waits
    clock.advance(GATHER_MS - 1);
    expect(clock.pending).toBe(1);
    expect(contents()).not.toContain('one');
    await log.flush();
    expect(clock.pending).toBe(0);
    expect(contents()).toMatch(/one two$/);
  });

  it('writes on its own once the interval has passed', async () => {
    log = new PortLog({ file: file(), clock, gatherMs: GATHER_MS });
    log.write(Buffer.from('later'));
    clock.advance(GATHER_MS);
    expect(clock.pending).toBe(0);
    await vi.waitFor(() => expect(contents()).toMatch(/later$/));
  });

  it('writes a backlog of a quarter of its buffer at once, without waiting for the interval', async () => {
    log = new PortLog({ file: file(), clock, gatherMs: GATHER_MS, bufferBytes: 64 * 1024 });
    log.write(Buffer.alloc(16 * 1024, 0x61));
    expect(clock.pending).toBe(0); // the clock never moves: only the backlog rule writes this
    await vi.waitFor(() => expect(contents()).toContain('a'.repeat(16 * 1024)));
  });

  it('shares one gather timer between logs: one timer for all, every log written at its tick', async () => {
    const gather = new WriteGather(clock, GATHER_MS);
    log = new PortLog({ file: file(), clock, gather });
    const other = new PortLog({ file: portLogPath(dir, 2), clock, gather });
    log.write(Buffer.from('first'));
    clock.advance(GATHER_MS / 2);
    other.write(Buffer.from('second'));
    log.write(Buffer.from(' more'));
    expect(clock.pending).toBe(1); // one timer for both logs
    clock.advance(GATHER_MS / 2);
    expect(clock.pending).toBe(0);
    await vi.waitFor(() => expect(contents()).toMatch(/first more$/));
    await vi.waitFor(() => expect(readFileSync(portLogPath(dir, 2), 'latin1')).toMatch(/second$/));
    await other.close();
  });

  it('a log flushed early leaves the shared timer to the others, and stops it when none is due', async () => {
    const gather = new WriteGather(clock, GATHER_MS);
    log = new PortLog({ file: file(), clock, gather });
    log.write(Buffer.from('early'));
    expect(clock.pending).toBe(1);
    await log.flush();
    expect(contents()).toMatch(/early$/);
    expect(clock.pending).toBe(0);
  });
});
