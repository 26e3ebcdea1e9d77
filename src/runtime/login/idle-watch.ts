/**
 * SPEC §6 idle time-out without a timer reset per keystroke: input only records the time; the
 * single timer, when it fires, re-arms for the remaining time if there was input since.
 */
import type { Clock, Timer } from '../clock.js';

export class IdleWatch {
  private timeoutMs = 0;
  private lastInput = 0;
  private timer: Timer | null = null;

  constructor(private readonly clock: Clock, private readonly onIdle: () => void) {}

  /** 0 means never. */
  arm(timeoutMs: number): void {
    this.timeoutMs = timeoutMs;
    this.lastInput = this.clock.now();
    this.schedule(timeoutMs);
  }

  touch(): void {
    this.lastInput = this.clock.now();
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number): void {
    this.stop();
    if (this.timeoutMs <= 0) return;
    this.timer = this.clock.setTimeout(() => this.check(), delay);
  }

  private check(): void {
    this.timer = null;
    const idleFor = this.clock.now() - this.lastInput;
    if (idleFor >= this.timeoutMs) this.onIdle();
    else this.schedule(this.timeoutMs - idleFor);
  }
}
