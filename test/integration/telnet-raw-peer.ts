import { expect, vi } from 'vitest';
/**
 * A raw Telnet peer for the listener tests: a plain socket that collects everything, for
 * byte-exact checks and abrupt exits the real `telnet` client cannot make.
 */
import { connect, type Socket } from 'node:net';
import { IAC, WILL } from './telnet-test-codec.js';

const opened = new Set<Socket>();

export class RawPeer {
  readonly received: Buffer[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.received.push(chunk));
    socket.on('close', () => {
      this.closed = true;
      opened.delete(socket);
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawPeer(socket)));
      opened.add(socket);
      socket.once('error', reject);
    });
  }

  /** For afterEach: drops every peer still open. */
  static destroyAll(): void {
    for (const socket of opened) socket.destroy();
    opened.clear();
  }

  /** Received user data: IAC IAC decoded, other Telnet commands dropped. */
  data(): Buffer {
    const raw = Buffer.concat(this.received);
    const out: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      const byte = raw[i] as number;
      if (byte !== IAC) out.push(byte);
      else if (raw[i + 1] === IAC) {
        out.push(IAC);
        i++;
      }
      else if (raw[i + 1] !== undefined && (raw[i + 1] as number) >= WILL) i += 2;
      else i += 1;
    }
    return Buffer.from(out);
  }

  text(): string {
    return this.data().toString('latin1');
  }

  /** Waits until `text` has arrived `count` times in all. */
  async waitForText(text: string, count = 1): Promise<void> {
    await vi.waitFor(() => { expect(this.text().split(text).length > count, `"${text}" x${count} in ${JSON.stringify(this.text().slice(-200))}`).toBe(true); }, { timeout: 5000, interval: 10 });
  }

  /** Answers the `round`-th `Username:` and `Password:` prompts of this connection. */
  async logIn(name: string, password: string, round = 1): Promise<void> {
    await this.waitForText('Username: ', round);
    this.socket.write(`${name}\r\n`);
    await this.waitForText('Password: ', round);
    this.socket.write(`${password}\r\n`);
  }
}
