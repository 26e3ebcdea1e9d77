/**
 * The stalled-client guard of BoundedOutput (config `outputStallSeconds`): a sink that takes no
 * output at all for the stall time is reported once; any drain restarts the wait.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import { BoundedOutput, type OutputSink } from './bounded-output.js';

/** Accepts one write, then stays back-pressured until `drain()`. */
class StuckSink extends EventEmitter implements OutputSink {
  writes = 0;
  write(): boolean {
    this.writes++;
    return false;
  }
  drain(): void {
    this.emit('drain');
  }
}

const STALL_MS = 2000;

function watched(clock: FakeClock) {
  const sink = new StuckSink();
  let stalled = 0;
  const out = new BoundedOutput(sink, { limitBytes: 4096, stall: { ms: STALL_MS, clock, onStalled: () => { stalled++; } } });
  return { sink, out, stalled: () => stalled };
}

describe('BoundedOutput stall watch', () => {
  it('reports a sink back-pressured for the stall time without a drain, once', () => {
    const clock = new FakeClock();
    const { out, stalled } = watched(clock);
    out.write(Buffer.from('x'));
    clock.advance(STALL_MS - 1);
    expect(stalled()).toBe(0);
    out.write(Buffer.from('more output does not restart the wait'));
    clock.advance(1);
    expect(stalled()).toBe(1);
    out.write(Buffer.from('y'));
    clock.advance(10 * STALL_MS);
    expect(stalled()).toBe(1);
  });

  it('a drain restarts the wait: a slow but live client is never cut off', () => {
    const clock = new FakeClock();
    const { sink, out, stalled } = watched(clock);
    for (let i = 0; i < 10; i++) {
      out.write(Buffer.from('chunk'));
      clock.advance(STALL_MS - 100);
      sink.drain(); // took some output: still alive
    }
    expect(stalled()).toBe(0);
  });

  it('an output that never blocks, or was closed, arms nothing', () => {
    const clock = new FakeClock();
    const open = new BoundedOutput({ write: () => true, on: () => undefined, off: () => undefined },
      { limitBytes: 4096, stall: { ms: STALL_MS, clock, onStalled: () => { throw new Error('not stalled'); } } });
    open.write(Buffer.from('fine'));
    expect(clock.pending).toBe(0);
    const { out, stalled } = watched(clock);
    out.write(Buffer.from('x'));
    out.close();
    expect(clock.pending).toBe(0);
    clock.advance(STALL_MS * 2);
    expect(stalled()).toBe(0);
  });

  it('without a stall option nothing is ever reported or scheduled', () => {
    const clock = new FakeClock();
    const out = new BoundedOutput(new StuckSink(), { limitBytes: 4096 });
    out.write(Buffer.from('x'));
    expect(clock.pending).toBe(0);
  });
});
