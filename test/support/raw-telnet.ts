/**
 * A raw Telnet client on a plain TCP socket, for tests that need hundreds of logins at once (200
 * real `telnet` processes would swamp two cores) or a client that misbehaves on purpose: one that
 * stops reading, types one byte a second, or vanishes. It answers no negotiation (a client may
 * refuse everything, RFC 854) and strips the server's IAC sequences from what it shows.
 *
 * Text is decoded as latin1 so a chunk boundary never splits a character; ccmd's prompts and
 * notices are ASCII.
 */
import { connect, type Socket } from 'node:net';

const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;

/** Output kept for matching; a client that streams a port for long keeps only the tail. */
const MAX_TEXT = 1 << 20;

type ParseState = 'data' | 'iac' | 'option' | 'sb' | 'sb-iac';

export class RawTelnet {
  private text = '';
  /** Characters dropped from the front of `text` (so match positions stay absolute). */
  private dropped = 0;
  private searchFrom = 0;
  private parse: ParseState = 'data';
  private readonly waiters = new Set<() => void>();
  private ended = false;
  /** Resolves when the server closed the connection (or it was destroyed). */
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => undefined); // ECONNRESET from a server cutting us off is an outcome, not a failure
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.ended = true;
      this.wake();
      resolve();
    }));
  }

  /** Opens a connection to 127.0.0.1:`port`; rejects if it cannot connect within `timeoutMs`. */
  static open(port: number, timeoutMs = 10_000): Promise<RawTelnet> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no TCP connection to port ${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new RawTelnet(socket));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Everything shown so far (Telnet commands removed), at most the last MiB. */
  get output(): string {
    return this.text;
  }

  /** Output after the last `expect` match. */
  get unread(): string {
    return this.text.slice(Math.max(0, this.searchFrom - this.dropped));
  }

  get isClosed(): boolean {
    return this.ended;
  }

  send(text: string | Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(text);
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
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.firstMatch(patterns);
        if (found !== null) {
          this.searchFrom = found.end;
          done();
          resolve(found.index);
          return true;
        }
        if (this.ended) {
          done();
          reject(new Error(`connection closed before ${patterns.map(String).join(' | ')}; got: ${JSON.stringify(this.unread.slice(-400))}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${patterns.map(String).join(' | ')} within ${timeoutMs} ms; got: ${JSON.stringify(this.unread.slice(-400))}`));
      }, timeoutMs);
      const waiter = (): void => void check();
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (!check()) this.waiters.add(waiter);
    });
  }

  async expect(pattern: string | RegExp, timeoutMs = 5000): Promise<void> {
    await this.expectAny([pattern], timeoutMs);
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
    let start = -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (this.parse === 'data') {
        if (byte !== IAC) {
          if (start < 0) start = i;
          continue;
        }
        if (start >= 0) shown += chunk.toString('latin1', start, i);
        start = -1;
        this.parse = 'iac';
      } else {
        this.parse = nextState(this.parse, byte);
        if (this.parse === 'data' && byte === IAC) shown += '\xff'; // IAC IAC: a data byte 255
      }
    }
    if (start >= 0) shown += chunk.toString('latin1', start);
    if (shown.length === 0) return;
    this.text += shown;
    if (this.text.length > MAX_TEXT) {
      const cut = this.text.length - MAX_TEXT / 2;
      this.text = this.text.slice(cut);
      this.dropped += cut;
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The Telnet command parser after an IAC (RFC 854): WILL/WONT/DO/DONT take an option byte, SB runs to IAC SE. */
function nextState(state: ParseState, byte: number): ParseState {
  switch (state) {
    case 'iac':
      if (byte === SB) return 'sb';
      if (byte >= WILL && byte <= DONT) return 'option';
      return 'data'; // IAC IAC (handled by the caller) or a two-byte command
    case 'option':
      return 'data';
    case 'sb':
      return byte === IAC ? 'sb-iac' : 'sb';
    case 'sb-iac':
      return byte === SE ? 'data' : 'sb';
    case 'data':
      return 'data';
  }
}

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
