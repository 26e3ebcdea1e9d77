/**
 * The `Terminal` seen by the runtime for one SSH `shell` channel: bytes in and out, break and
 * window-change requests as events. The SSH server builds it; nothing else should.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ServerChannel } from 'ssh2';
import type { ClientInfo, Terminal, TerminalEvents } from '../terminal.js';

/** Above this many bytes queued in the TCP socket, `write` reports back-pressure. */
const SOCKET_HIGH_WATER = 64 * 1024;
/** How long `close()` waits for the client to acknowledge the channel close before giving up. */
const CLOSE_GRACE_MS = 5_000;

export interface WindowSize {
  readonly columns: number;
  readonly rows: number;
}

export class SshTerminal extends EventEmitter implements Terminal {
  private isClosed = false;
  private finished = false;
  private backPressured = false;
  private size: WindowSize | null;
  private closeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly client: ClientInfo,
    private readonly channel: ServerChannel,
    private readonly socket: Socket,
    initialSize: WindowSize | null,
  ) {
    super();
    this.size = initialSize;
    channel.on('data', (chunk: Buffer) => {
      if (!this.isClosed) this.emit('data', chunk);
    });
    channel.on('drain', () => this.maybeDrained());
    socket.on('drain', () => this.maybeDrained());
    // A channel error (write after the peer vanished, ...) ends this terminal, never the process.
    channel.on('error', () => this.finish());
    channel.once('close', () => this.finish());
    socket.once('close', () => this.finish());
  }

  /** The last size the client announced (pty-req or window-change); null when it sent none. */
  get windowSize(): WindowSize | null {
    return this.size;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get pendingBytes(): number {
    return this.channel.writableLength + this.socket.writableLength;
  }

  write(data: Buffer | string): boolean {
    if (this.isClosed || !this.channel.writable) return false;
    let accepted: boolean;
    try {
      accepted = this.channel.write(data);
    } catch {
      return false;
    }
    if (!accepted || this.socket.writableLength > SOCKET_HIGH_WATER) {
      this.backPressured = true;
      return false;
    }
    return true;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      // exit-status 0 lets `ssh` exit with 0; end() flushes queued output before the channel closes.
      this.channel.exit(0);
      this.channel.end();
    } catch {
      this.finish();
      return;
    }
    this.closeTimer = setTimeout(() => {
      this.channel.destroy();
      this.finish();
    }, CLOSE_GRACE_MS);
    this.closeTimer.unref();
  }

  /** SSH server use: a window-change request arrived. */
  resizeTo(columns: number, rows: number): void {
    this.size = { columns, rows };
    if (!this.isClosed) this.emit('resize', columns, rows);
  }

  /** SSH server use: the client sent an RFC 4335 `break` request. */
  sendBreak(): void {
    if (!this.isClosed) this.emit('break');
  }

  private maybeDrained(): void {
    if (!this.backPressured || this.finished) return;
    if (this.channel.writableNeedDrain || this.socket.writableLength > SOCKET_HIGH_WATER) return;
    this.backPressured = false;
    this.emit('drain');
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.isClosed = true;
    clearTimeout(this.closeTimer);
    this.emit('close');
  }

  override on<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.on(event, listener);
  }

  override off<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.off(event, listener);
  }
}
