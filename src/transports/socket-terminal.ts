/**
 * A `Terminal` over a plain stream socket with no protocol framing: the control socket's
 * `ccmd console`, where the host's own terminal already handles echo and line discipline.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ClientInfo, Terminal, TerminalEvents } from './terminal.js';

export class SocketTerminal extends EventEmitter implements Terminal {
  private isClosed = false;

  constructor(private readonly socket: Socket, readonly client: ClientInfo, initial?: Buffer) {
    super();
    socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
    socket.on('drain', () => this.emit('drain'));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.finish());
    if (initial !== undefined && initial.length > 0) setImmediate(() => this.emit('data', initial));
  }

  get pendingBytes(): number {
    return this.socket.writableLength;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  write(data: Buffer | string): boolean {
    if (this.isClosed || this.socket.destroyed) return true;
    return this.socket.write(data);
  }

  close(): void {
    if (this.isClosed) return;
    this.socket.end();
    // A peer that stops reading must not hold the socket open forever.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  override on<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.on(event, listener);
  }

  override off<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this {
    return super.off(event, listener);
  }

  private finish(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.emit('close');
  }
}
