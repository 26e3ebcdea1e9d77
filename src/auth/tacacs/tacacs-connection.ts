/**
 * One TCP connection to a TACACS+ server (RFC 8907 §3.3): send a packet, wait for the next one,
 * each step bounded by the time-out. Every failure (refused, reset, time-out, undecodable
 * bytes) rejects with a message; `close` is idempotent.
 */
import { connect, type Socket } from 'node:net';
import { PacketReader, type Packet } from '../../protocol/tacacs/tacacs-packet.js';

export class TacacsConnection {
  private readonly reader: PacketReader;
  private readonly queue: Packet[] = [];
  private failure: Error | null = null;
  private waiter: { resolve: (p: Packet) => void; reject: (e: Error) => void } | null = null;

  private constructor(private readonly socket: Socket, key: string, private readonly timeoutMs: number) {
    this.reader = new PacketReader(key);
    socket.on('data', (chunk: Buffer) => {
      const read = this.reader.push(chunk);
      if (!read.ok) return this.fail(new Error(`answer does not decode (wrong secret?): ${read.error}`));
      this.queue.push(...read.value);
      this.deliver();
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('server closed the connection')));
  }

  static open(host: string, port: number, key: string, timeoutMs: number): Promise<TacacsConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => { socket.destroy(); reject(new Error('connect timed out')); }, timeoutMs);
      socket.once('error', (err) => { clearTimeout(timer); reject(err); });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new TacacsConnection(socket, key, timeoutMs));
      });
    });
  }

  /** Sends `packet` and waits for the server's next packet. */
  exchange(packet: Buffer): Promise<Packet> {
    if (this.failure !== null) return Promise.reject(this.failure);
    this.socket.write(packet);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error('no answer in time')), this.timeoutMs);
      this.waiter = {
        resolve: (p) => { clearTimeout(timer); resolve(p); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.deliver();
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(): void {
    const next = this.queue.shift();
    if (next === undefined || this.waiter === null) {
      if (next !== undefined) this.queue.unshift(next);
      return;
    }
    const waiter = this.waiter;
    this.waiter = null;
    waiter.resolve(next);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
  }
}
