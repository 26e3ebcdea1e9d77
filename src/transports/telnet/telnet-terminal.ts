/**
 * The `Terminal` seen by the runtime for one logged-in Telnet connection. The Telnet server feeds
 * it decoded input; output goes through the codec's `encodeData` (IAC doubling, CR NUL).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ClientInfo, Terminal, TerminalEvents } from '../terminal.js';

/** How long `close()` lets queued output flush before the socket is destroyed. */
const CLOSE_GRACE_MS = 5_000;

export interface WindowSize {
  readonly columns: number;
  readonly rows: number;
}

export class TelnetTerminal extends EventEmitter implements Terminal {
  private isClosed = false;
  private finished = false;
  private backPressured = false;
  private size: WindowSize | null;

  constructor(
    readonly client: ClientInfo,
    private readonly socket: Socket,
    private readonly encode: (data: Buffer) => Buffer,
    initialSize: WindowSize | null,
  ) {
    super();
    this.size = initialSize;
    socket.on('drain', () => {
      if (!this.backPressured || this.finished) return;
      this.backPressured = false;
      this.emit('drain');
    });
    socket.once('close', () => this.finish());
  }

  /** The last size the client announced through NAWS; null when it sent none. */
  get windowSize(): WindowSize | null {
    return this.size;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get pendingBytes(): number {
    return this.socket.writableLength;
  }

  write(data: Buffer | string): boolean {
    if (this.isClosed || !this.socket.writable) return false;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.socket.write(this.encode(bytes))) return true;
    this.backPressured = true;
    return false;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Telnet server use: decoded user input. */
  receiveData(chunk: Buffer): void {
    if (!this.isClosed) this.emit('data', chunk);
  }

  /** Telnet server use: NAWS reported a size. */
  resizeTo(columns: number, rows: number): void {
    this.size = { columns, rows };
    if (!this.isClosed) this.emit('resize', columns, rows);
  }

  /** Telnet server use: IAC BRK. */
  sendBreak(): void {
    if (!this.isClosed) this.emit('break');
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.isClosed = true;
    this.emit('close');
  }

  override on<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.on(event, listener);
  }

  override off<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.off(event, listener);
  }
}
