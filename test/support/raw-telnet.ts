/**
 * The one raw Telnet client of the test suite (issue 13 merged four into it), on a plain TCP
 * socket and the project's own sans-I/O codec (src/protocol/telnet) for the incoming side. For
 * tests that need hundreds of logins at once (200 real `telnet` processes would swamp two
 * cores), byte-exact checks, or a client that misbehaves on purpose: stops reading, types one
 * byte a second, or vanishes. Tests of what a person sees use the real `telnet` (clients.ts).
 *
 * Use:
 * ```ts
 * const t = await RawTelnet.open(daemon.ready.telnet);          // silent: answers no negotiation
 * await t.expect('Username:'); t.send('usr1\r\n');             // expect() consumes what it matched
 * const b = await RawTelnet.open(port, { binary: true });       // asks for BINARY both ways (RFC 856)
 * b.sendData(bytes, { doubleAccessChar: 0x04 });                // IAC (and ^D, SPEC §6) doubled
 * ```
 * By default it answers no negotiation at all (a client may, RFC 854); with `binary` it asks
 * for BINARY both ways and answers the server's offers as inetutils telnet does (SGA, ECHO,
 * BINARY yes, anything else no). Outgoing data is framed here by hand (`sendData`), so a
 * byte-exact test does not check the codec's encoder against its own decoder.
 *
 * Text is decoded as latin1 so a chunk boundary never splits a character; ccmd's prompts and
 * notices are ASCII.
 */
import { connect, type Socket } from 'node:net';
import { TelnetCodec, type TelnetPolicy } from '../../src/protocol/telnet/codec.js';
import { IAC } from '../../src/protocol/telnet/constants.js';
import { TelnetOption } from '../../src/protocol/telnet/index.js';

/** Output kept for matching; a client that streams a port for long keeps only the tail. */
const MAX_TEXT = 1 << 20;

/** What a client agrees to when it negotiates (inetutils telnet's choices). */
const CLIENT_POLICY: TelnetPolicy = {
  acceptLocal: [TelnetOption.BINARY, TelnetOption.SGA],
  acceptRemote: [TelnetOption.BINARY, TelnetOption.SGA, TelnetOption.ECHO],
  requestLocal: [],
  requestRemote: [],
};

export interface RawTelnetOptions {
  /** Rejects if no TCP connection within this (default 10 s). */
  readonly timeoutMs?: number;
  /** Ask for BINARY both ways at once and answer the server's negotiation (default: silent). */
  readonly binary?: boolean;
}

export class RawTelnet {
  private text = '';
  /** Characters dropped from the front of `text` (so match positions stay absolute). */
  private dropped = 0;
  private searchFrom = 0;
  private readonly codec = new TelnetCodec(CLIENT_POLICY);
  private negotiating = false;
  private readonly waiters = new Set<() => void>();
  private ended = false;
  /** Resolves when the server closed the connection (or it was destroyed). */
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => undefined); // ECONNRESET from a server cutting us off is an outcome, not a failure
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.ended = true;
      opened.delete(this);
      this.wake();
      resolve();
    }));
  }

  /** Opens a connection to 127.0.0.1:`port`; rejects if it cannot connect in time. */
  static open(port: number, options: RawTelnetOptions | number = {}): Promise<RawTelnet> {
    const { timeoutMs = 10_000, binary = false } = typeof options === 'number' ? { timeoutMs: options } : options;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no TCP connection to port ${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        const client = new RawTelnet(socket);
        opened.add(client);
        if (binary) client.requestBinary();
        resolve(client);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Destroys every client still open (for an afterEach or afterAll). */
  static destroyAll(): void {
    for (const client of opened) client.destroy();
    opened.clear();
  }

  /** Everything shown so far (Telnet commands removed), at most the last MiB. */
  get output(): string {
    return this.text;
  }

  /** The same as bytes (latin1), e.g. for byte-exact checks. */
  get bytes(): Buffer {
    return Buffer.from(this.text, 'latin1');
  }

  /** Output after the last `expect` match. */
  get unread(): string {
    return this.text.slice(Math.max(0, this.searchFrom - this.dropped));
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** IAC DO BINARY, IAC WILL BINARY (RFC 856), and answer the server's negotiation from now on. */
  requestBinary(): void {
    this.negotiating = true;
    for (const side of ['remote', 'local'] as const) this.sendEvents(this.codec.request(TelnetOption.BINARY, side, true));
  }

  /** Whether BINARY is on: the server sends binary (`serverSends`) and receives it. */
  binaryAgreed(): { serverSends: boolean; serverReceives: boolean } {
    return {
      serverSends: this.codec.isEnabled(TelnetOption.BINARY, 'remote'),
      serverReceives: this.codec.isEnabled(TelnetOption.BINARY, 'local'),
    };
  }

  /** Writes bytes as they are (no IAC doubling): typed text, or deliberately raw Telnet commands. */
  send(text: string | Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(text);
  }

  /** Sends user data, IAC doubled; `doubleAccessChar` also doubles that byte (ccmd's ^D, SPEC §6). */
  sendData(data: Buffer, options: { doubleAccessChar?: number } = {}): void {
    const out: number[] = [];
    for (const byte of data) {
      out.push(byte);
      if (byte === IAC || byte === options.doubleAccessChar) out.push(byte);
    }
    this.send(Buffer.from(out));
  }

  /** Stops reading from the kernel: the server's writes back up as with a frozen client. */
  stopReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** Closes with a FIN. */
  end(): void {
    this.socket.end();
  }

  /** Closes at once (RST if data is unread). */
  destroy(): void {
    this.socket.destroy();
  }

  /**
   * Waits for the first of `patterns` in the output after the last match; resolves with its index.
   * Rejects on time-out, or when the connection closed without it.
   */
  expectAny(patterns: readonly (string | RegExp)[], timeoutMs = 5000): Promise<number> {
    return this.waitFor(() => {
      const found = this.firstMatch(patterns);
      if (found === null) return null;
      this.searchFrom = found.end;
      return found.index;
    }, patterns.map(String).join(' | '), timeoutMs);
  }

  async expect(pattern: string | RegExp, timeoutMs = 5000): Promise<void> {
    await this.expectAny([pattern], timeoutMs);
  }

  /** Waits until `text` has arrived `count` times in all (whatever was matched before). */
  async expectCount(text: string, count: number, timeoutMs = 5000): Promise<void> {
    await this.waitFor(() => (this.text.split(text).length > count ? true : null), `${JSON.stringify(text)} x${count}`, timeoutMs);
  }

  /** Waits until `length` bytes arrived in all; resolves with all of them. */
  waitForBytes(length: number, timeoutMs = 5000): Promise<Buffer> {
    return this.waitFor(() => (this.text.length + this.dropped >= length ? this.bytes : null), `${length} bytes`, timeoutMs);
  }

  /** Answers the `round`-th `Username: ` and `Password: ` prompts of this connection (CR LF ends). */
  async logIn(name: string, password: string, round = 1): Promise<void> {
    await this.expectCount('Username: ', round);
    this.send(`${name}\r\n`);
    await this.expectCount('Password: ', round);
    this.send(`${password}\r\n`);
  }

  /** Waits until the server closed the connection; rejects after `timeoutMs`. */
  async expectClosed(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still open after ${timeoutMs} ms; got: ${JSON.stringify(this.unread.slice(-400))}`)), timeoutMs);
    });
    try {
      await Promise.race([this.closed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves with `probe`'s first non-null answer, checked on every arrival; rejects on time-out or close. */
  private waitFor<T>(probe: () => T | null, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value !== null) {
          done();
          resolve(value);
          return true;
        }
        if (this.ended) {
          done();
          reject(new Error(`connection closed before ${what}; got: ${JSON.stringify(this.unread.slice(-400))}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${timeoutMs} ms; got: ${JSON.stringify(this.unread.slice(-400))}`));
      }, timeoutMs);
      const waiter = (): void => void check();
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (!check()) this.waiters.add(waiter);
    });
  }

  private firstMatch(patterns: readonly (string | RegExp)[]): { index: number; end: number } | null {
    const from = Math.max(0, this.searchFrom - this.dropped);
    const rest = this.text.slice(from);
    let best: { index: number; at: number; end: number } | null = null;
    for (let index = 0; index < patterns.length; index++) {
      const pattern = patterns[index] as string | RegExp;
      let at: number;
      let length: number;
      if (typeof pattern === 'string') {
        at = rest.indexOf(pattern);
        length = pattern.length;
      } else {
        const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(rest);
        at = m === null ? -1 : m.index;
        length = m === null ? 0 : m[0].length;
      }
      if (at >= 0 && (best === null || at < best.at)) best = { index, at, end: this.dropped + from + at + length };
    }
    return best;
  }

  private receive(chunk: Buffer): void {
    let shown = '';
    for (const event of this.codec.receive(chunk)) {
      if (event.type === 'data') shown += event.data.toString('latin1');
      else if (event.type === 'send' && this.negotiating) this.send(event.data);
    }
    if (shown.length === 0) return;
    this.text += shown;
    if (this.text.length > MAX_TEXT) {
      const cut = this.text.length - MAX_TEXT / 2;
      this.text = this.text.slice(cut);
      this.dropped += cut;
    }
    this.wake();
  }

  private sendEvents(events: readonly { type: string; data?: Buffer }[]): void {
    for (const event of events) if (event.type === 'send' && event.data !== undefined) this.send(event.data);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Clients not yet closed, for `RawTelnet.destroyAll`. */
const opened = new Set<RawTelnet>();

export interface RawLoginOptions {
  /** Wait for this after the password; default nothing (returns once the password is sent). */
  readonly expect?: string | RegExp;
  readonly timeoutMs?: number;
}

/** Connects to a Telnet listener and answers `Username:` and `Password:`. */
export async function rawTelnetLogin(port: number, name: string, password: string, options: RawLoginOptions = {}): Promise<RawTelnet> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = await RawTelnet.open(port, timeoutMs);
  try {
    await client.expect('Username:', timeoutMs);
    client.send(`${name}\r\n`);
    await client.expect('Password:', timeoutMs);
    client.send(`${password}\r\n`);
    if (options.expect !== undefined) await client.expect(options.expect, timeoutMs);
  } catch (err) {
    client.destroy();
    throw err;
  }
  return client;
}

/** Runs `task` over `items` with at most `width` at once; results in item order. */
export async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** How a raw login straight to a port (`name:n` or a port socket) ended up. */
export type JoinOutcome = 'connected' | 'limit' | 'in-use' | 'declined' | 'insufficient' | 'unavailable';

export interface JoinResult {
  readonly client: RawTelnet;
  readonly outcome: JoinOutcome;
  /** The SPEC §7 notice line that decided it (`[ccmd] ...`), or the choice question answered D. */
  readonly notice: string;
}

const CONNECTED = /\[ccmd\] Connection complete: port \d+[^\r\n]*/;
const CHOICE = /\[ccmd\] Port \d+ in use by [^\r\n]*D\)on't connect\?/;
const LIMIT = /\[ccmd\] (?:Port \d+|Appliance) session limit reached/;
const IN_USE = /\[ccmd\] Port \d+ in use by [^\s(]+\r\n/;
const INSUFFICIENT = /\[ccmd\] Insufficient privileges: port \d+/;
const UNAVAILABLE = /\[ccmd\] Connection failed: port \d+ device unavailable/;
const OUTCOMES: readonly [RegExp, JoinOutcome][] = [
  [CONNECTED, 'connected'], [LIMIT, 'limit'], [IN_USE, 'in-use'], [INSUFFICIENT, 'insufficient'], [UNAVAILABLE, 'unavailable'],
];

/**
 * Logs in straight to a port and settles the SPEC §4 dialogue: offered a choice, answers S when
 * S is offered (and `share`), otherwise D. Never answers E or N, so it never preempts anyone.
 */
export async function joinPortRaw(tcpPort: number, name: string, password: string,
  options: { share?: boolean; timeoutMs?: number } = {}): Promise<JoinResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const client = await rawTelnetLogin(tcpPort, name, password, { timeoutMs });
  const patterns = [...OUTCOMES.map(([p]) => p), CHOICE];
  let which = await client.expectAny(patterns, timeoutMs);
  if (which === OUTCOMES.length) {
    const question = CHOICE.exec(client.output.slice(-2000))?.[0] ?? '';
    if (options.share !== false && question.includes('S)hare')) {
      client.send('S');
      which = await client.expectAny(OUTCOMES.map(([p]) => p), timeoutMs);
    } else {
      client.send('D');
      return { client, outcome: 'declined', notice: question };
    }
  }
  const [pattern, outcome] = OUTCOMES[which] as [RegExp, JoinOutcome];
  const notice = [...client.output.slice(-4000).matchAll(new RegExp(pattern.source, 'g'))].pop()?.[0] ?? '';
  return { client, outcome, notice: notice.trim() };
}
