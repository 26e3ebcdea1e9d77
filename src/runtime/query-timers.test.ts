/** The broker's deadlines as timers (SPEC §4 query time-out): on time, cancelled, and never lost when a timer fires early. */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import type { Clock, Timer } from './clock.js';
import { QueryTimers } from './query-timers.js';

/** A FakeClock whose first timer fires `earlyMs` before its time, as Node's can under load. */
class EarlyFiringClock implements Clock {
  private firstDone = false;
  constructor(private readonly inner: FakeClock, private readonly earlyMs: number) {}
  now(): number {
    return this.inner.now();
  }
  setTimeout(fn: () => void, ms: number): Timer {
    const early = this.firstDone ? 0 : this.earlyMs;
    this.firstDone = true;
    return this.inner.setTimeout(fn, Math.max(0, ms - early));
  }
  clearTimeout(timer: Timer): void {
    this.inner.clearTimeout(timer);
  }
}

describe('QueryTimers', () => {
  it('fires at the deadline, not before', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    const timers = new QueryTimers(clock, (id) => fired.push(id));
    timers.start(7, clock.now() + 2000);
    clock.advance(1999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([7]);
    expect(timers.size).toBe(0);
  });

  it('a cancelled deadline never fires; restarting replaces the old one', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    const timers = new QueryTimers(clock, (id) => fired.push(id));
    timers.start(1, clock.now() + 1000);
    timers.start(2, clock.now() + 1000);
    timers.cancel(1);
    timers.start(2, clock.now() + 5000);
    clock.advance(4999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([2]);
  });

  it('a timer that fires early waits out the rest instead of firing a stale time-out', () => {
    const fake = new FakeClock();
    const fired: Array<{ id: number; at: number }> = [];
    const clock = new EarlyFiringClock(fake, 5);
    const deadline = fake.now() + 2000;
    const timers = new QueryTimers(clock, (id) => fired.push({ id, at: fake.now() }));
    timers.start(3, deadline);
    fake.advance(1995); // the early fire: re-armed, nothing delivered yet
    expect(fired).toEqual([]);
    expect(timers.size).toBe(1);
    fake.advance(5);
    expect(fired).toEqual([{ id: 3, at: deadline }]);
  });

  it('cancelAll stops every pending deadline', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    const timers = new QueryTimers(clock, (id) => fired.push(id));
    for (const id of [1, 2, 3]) timers.start(id, clock.now() + 100);
    timers.cancelAll();
    clock.advance(1000);
    expect(fired).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
