/**
 * What the SSH and Telnet terminals share: the `Terminal` events, the closed state, the window
 * size, and the back-pressure flag that turns into one `drain`. A subclass owns the wire: it
 * implements `write`, `pendingBytes` and `close`, and calls `deliver` / `drained` / `finish`
 * as its channel or socket reports data, room and the end.
 */
import { EventEmitter } from 'node:events';
import type { ClientInfo, Terminal, TerminalEvents } from './terminal.js';

export interface WindowSize {
  readonly columns: number;
  readonly rows: number;
}

export abstract class TerminalBase extends EventEmitter implements Terminal {
  /** Set by `close()` or the end of the wire; no more events but `close` from then on. */
  protected isClosed = false;
  /** `write` returned false and no `drain` has followed yet. */
  protected backPressured = false;
  /** `close` was emitted. */
  private finished = false;
  private size: WindowSize | null;
  private finishTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly client: ClientInfo,
    initialSize: WindowSize | null,
  ) {
    super();
    this.size = initialSize;
  }

  abstract write(data: Buffer | string): boolean;
  abstract close(): void;
  abstract get pendingBytes(): number;

  /** The last size the client announced (pty-req, window-change or NAWS); null when it sent none. */
  get windowSize(): WindowSize | null {
    return this.size;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Server use: the client reported a new window size. */
  resizeTo(columns: number, rows: number): void {
    this.size = { columns, rows };
    if (!this.isClosed) this.emit('resize', columns, rows);
  }

  /** Server use: the client sent a break (SSH `break` request, Telnet IAC BRK). */
  sendBreak(): void {
    if (!this.isClosed) this.emit('break');
  }

  override on<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.on(event, listener);
  }

  override off<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.off(event, listener);
  }

  /** User input, passed on unless the terminal is closed. */
  protected deliver(chunk: Buffer): void {
    if (!this.isClosed) this.emit('data', chunk);
  }

  /** The wire has room again: one `drain` for the `write` that returned false. */
  protected drained(): void {
    if (!this.backPressured || this.finished) return;
    this.backPressured = false;
    this.emit('drain');
  }

  /** After `ms`, `giveUp` runs and the terminal ends, unless it ended before (an unref'd timer). */
  protected finishAfter(ms: number, giveUp: () => void): void {
    this.finishTimer = setTimeout(() => {
      giveUp();
      this.finish();
    }, ms);
    this.finishTimer.unref();
  }

  /** The wire ended: emits `close` once. */
  protected finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.isClosed = true;
    clearTimeout(this.finishTimer);
    this.emit('close');
  }
}
