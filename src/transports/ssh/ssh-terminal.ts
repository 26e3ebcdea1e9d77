/**
 * The `Terminal` seen by the runtime for one SSH `shell` channel: bytes in and out, break and
 * window-change requests as events. The SSH server builds it; nothing else should.
 */
import type { Socket } from 'node:net';
import type { ServerChannel } from 'ssh2';
import type { ClientInfo } from '../terminal.js';
import { TerminalBase, type WindowSize } from '../terminal-base.js';

export type { WindowSize } from '../terminal-base.js';

/** Above this many bytes queued in the TCP socket, `write` reports back-pressure. */
const SOCKET_HIGH_WATER = 64 * 1024;
/** How long `close()` waits for the client to acknowledge the channel close before giving up. */
const CLOSE_GRACE_MS = 5_000;

export class SshTerminal extends TerminalBase {
  constructor(
    client: ClientInfo,
    private readonly channel: ServerChannel,
    private readonly socket: Socket,
    initialSize: WindowSize | null,
  ) {
    super(client, initialSize);
    channel.on('data', (chunk: Buffer) => this.deliver(chunk));
    channel.on('drain', () => this.maybeDrained());
    socket.on('drain', () => this.maybeDrained());
    // A channel error (write after the peer vanished, ...) ends this terminal, never the process.
    channel.on('error', () => this.finish());
    channel.once('close', () => this.finish());
    socket.once('close', () => this.finish());
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
    this.finishAfter(CLOSE_GRACE_MS, () => this.channel.destroy());
  }

  /** Both the channel window and the socket must have room before `drain` is worth sending. */
  private maybeDrained(): void {
    if (this.channel.writableNeedDrain || this.socket.writableLength > SOCKET_HIGH_WATER) return;
    this.drained();
  }
}
