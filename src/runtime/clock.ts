/**
 * Time as a dependency (STYLE: time is injected): runtime code that waits (device re-open
 * back-off, idle time-outs, query deadlines) asks a Clock, so tests advance a fake one instead
 * of sleeping.
 */

/** An opaque handle from `Clock.setTimeout`, only good for passing back to `clearTimeout`. */
export type Timer = object;

/** Implemented by `realClock` here and by test/support/fake-clock.ts for tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): Timer;
  /** Cancels a timer; a timer that already fired or was cancelled is ignored. */
  clearTimeout(timer: Timer): void;
}

/** The process's own clock and timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};
