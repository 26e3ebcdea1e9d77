/**
 * The `Terminal` seen by the runtime for one logged-in Telnet connection. The Telnet server feeds
 * it decoded input; output goes through the codec's `encodeData` (IAC doubling, CR NUL).
 */
import type { Socket } from 'node:net';
import type { ClientInfo } from '../terminal.js';
import { TerminalBase, type WindowSize } from '../terminal-base.js';

export type { WindowSize } from '../terminal-base.js';

/** How long `close()` lets queued output flush before the socket is destroyed. */
const CLOSE_GRACE_MS = 5_000;

export class TelnetTerminal extends TerminalBase {
  constructor(
    client: ClientInfo,
    private readonly socket: Socket,
    private readonly encode: (data: Buffer) => Buffer,
    initialSize: WindowSize | null,
  ) {
    super(client, initialSize);
    socket.on('drain', () => this.drained());
    socket.once('close', () => this.finish());
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
    this.finishAfter(CLOSE_GRACE_MS, () => this.socket.destroy());
  }

  /** Telnet server use: decoded user input. */
  receiveData(chunk: Buffer): void {
    this.deliver(chunk);
  }
}
