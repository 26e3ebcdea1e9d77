/**
 * A clock tests advance by hand (STYLE: time is injected): deadlines, idle time-outs and
 * back-off fire when the test says, never by sleeping.
 */
import type { Clock, Timer } from '../../src/runtime/clock.js';

interface Scheduled { readonly at: number; readonly fn: () => void; readonly seq: number }

export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<object, Scheduled>();

  constructor(start = Date.UTC(2026, 10, 22, 12, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const handle = {};
    this.timers.set(handle, { at: this.time + Math.max(0, ms), fn, seq: this.seq++ });
    return handle;
  }

  clearTimeout(timer: Timer): void {
    this.timers.delete(timer);
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      let next: [object, Scheduled] | null = null;
      for (const entry of this.timers) {
        if (entry[1].at <= until && (next === null || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq))) next = entry;
      }
      if (next === null) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = until;
  }

  get pending(): number {
    return this.timers.size;
  }
}
