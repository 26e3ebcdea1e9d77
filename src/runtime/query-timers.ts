/**
 * The broker's deadlines as real timers: the broker says "start a timer for connection c due at
 * t", this fires `queryTimedOut` back into it. The broker ignores stale ones, so a late fire after
 * a cancel is harmless.
 */
import type { ConnectionId } from '../domain/broker/types.js';
import type { Clock, Timer } from './clock.js';

export class QueryTimers {
  private readonly timers = new Map<ConnectionId, Timer>();

  constructor(private readonly clock: Clock, private readonly fire: (id: ConnectionId) => void) {}

  /**
   * A timer may fire before `clock.now()` reaches the deadline (Node measures timers from the
   * event loop's cached time, which lags the wall clock under load). The broker would ignore such
   * a fire as stale and the request would wait forever, so an early fire waits out the rest.
   */
  start(id: ConnectionId, deadline: number): void {
    this.cancel(id);
    const arm = (): void => {
      this.timers.set(id, this.clock.setTimeout(() => {
        if (this.clock.now() < deadline) {
          arm();
          return;
        }
        this.timers.delete(id);
        this.fire(id);
      }, Math.max(0, deadline - this.clock.now())));
    };
    arm();
  }

  cancel(id: ConnectionId): void {
    const timer = this.timers.get(id);
    if (timer !== undefined) {
      this.clock.clearTimeout(timer);
      this.timers.delete(id);
    }
  }

  /** Deadlines being watched. */
  get size(): number {
    return this.timers.size;
  }

  cancelAll(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }
}
