/**
 * One gather timer shared by every port log (issue 14: CPU at CCM4850 scale). Each log with data
 * waiting asks to be written at the next tick; the tick writes them all at once, so 48 ports cost
 * one timer and one burst of file writes per interval (the thread pool's threads stay awake
 * through the burst) instead of 48 timers firing and waking the pool at 48 different moments.
 */
import type { Clock, Timer } from './clock.js';

export class WriteGather {
  private readonly due = new Set<() => void>();
  private timer: Timer | null = null;

  constructor(private readonly clock: Clock, readonly intervalMs: number) {}

  /** `write` runs at the next tick, at most `intervalMs` from now; once, however often asked. */
  schedule(write: () => void): void {
    this.due.add(write);
    this.timer ??= this.clock.setTimeout(this.tick, this.intervalMs);
  }

  /** `write` is no longer due (it ran early); the timer stops when nothing is. */
  cancel(write: () => void): void {
    if (!this.due.delete(write) || this.due.size > 0 || this.timer === null) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly tick = (): void => {
    this.timer = null;
    const due = [...this.due];
    this.due.clear();
    for (const write of due) write();
  };
}
