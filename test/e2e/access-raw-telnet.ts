/**
 * A minimal Telnet client over a raw socket, for byte-exact tests (RFC 854/855/856): it asks for
 * BINARY both ways, agrees to BINARY/SGA/ECHO offers, refuses everything else once, doubles IAC
 * on the way out and un-doubles IAC IAC on the way in. Written here rather than borrowed from
 * src/protocol/telnet so the test does not check ccmd's codec against itself.
 */
import type { Socket } from 'node:net';

const IAC = 0xff;
const DONT = 0xfe;
const DO = 0xfd;
const WONT = 0xfc;
const WILL = 0xfb;
const SB = 0xfa;
const SE = 0xf0;
const BINARY = 0;
const ECHO = 1;
const SGA = 3;

/** Options we perform when asked (DO) and let the server perform (WILL). */
const WE_DO = new Set([BINARY, SGA]);
const THEY_MAY = new Set([BINARY, SGA, ECHO]);

const enum Parse { Data, Iac, Verb, Sb, SbIac }

export class RawTelnet {
  private readonly data: number[] = [];
  private parse = Parse.Data;
  private verb = 0;
  /** Options whose answer we already sent, per verb we answered with, so we never loop. */
  private readonly answered = new Set<string>();
  /** What the server said about BINARY: WILL (it sends binary) and DO (it receives binary). */
  private serverWillBinary = false;
  private serverDoBinary = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) this.receive(byte);
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** IAC DO BINARY, IAC WILL BINARY (RFC 856: binary in both directions). */
  requestBinary(): void {
    this.answered.add(`${DO}:${BINARY}`);
    this.answered.add(`${WILL}:${BINARY}`);
    this.socket.write(Buffer.from([IAC, DO, BINARY, IAC, WILL, BINARY]));
  }

  binaryAgreed(): { serverSends: boolean; serverReceives: boolean } {
    return { serverSends: this.serverWillBinary, serverReceives: this.serverDoBinary };
  }

  /** Sends user data, IAC doubled; `doubleAccessChar` also doubles that byte (ccmd's ^D, SPEC §6). */
  sendData(data: Buffer, options: { doubleAccessChar?: number } = {}): void {
    const out: number[] = [];
    for (const byte of data) {
      out.push(byte);
      if (byte === IAC || byte === options.doubleAccessChar) out.push(byte);
    }
    this.socket.write(Buffer.from(out));
  }

  /** Bytes of user data received so far (Telnet commands removed). */
  get dataLength(): number {
    return this.data.length;
  }

  /** Waits until `length` bytes of user data arrived; resolves with all of them. */
  waitForData(length: number, timeoutMs = 5000): Promise<Buffer> {
    return this.waitUntil(() => this.data.length >= length, timeoutMs, `${length} bytes`)
      .then(() => Buffer.from(this.data));
  }

  /** Waits until the user data (as latin1 text) matches. */
  expectText(pattern: string | RegExp, timeoutMs = 5000): Promise<void> {
    const matches = (): boolean => {
      const text = Buffer.from(this.data).toString('latin1');
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    };
    return this.waitUntil(matches, timeoutMs, String(pattern));
  }

  private waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): void => {
        if (!done()) return;
        finish();
        resolve();
      };
      const timer = setTimeout(() => {
        finish();
        const recent = Buffer.from(this.data.slice(-300)).toString('latin1');
        reject(new Error(`raw telnet: no ${what} within ${timeoutMs} ms; recent data: ${JSON.stringify(recent)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  private receive(byte: number): void {
    switch (this.parse) {
      case Parse.Data:
        if (byte === IAC) this.parse = Parse.Iac;
        else this.data.push(byte);
        return;
      case Parse.Iac:
        if (byte === IAC) {
          this.data.push(IAC);
          this.parse = Parse.Data;
        } else if (byte >= WILL && byte <= DONT) {
          this.verb = byte;
          this.parse = Parse.Verb;
        } else {
          this.parse = byte === SB ? Parse.Sb : Parse.Data;
        }
        return;
      case Parse.Verb:
        this.negotiate(this.verb, byte);
        this.parse = Parse.Data;
        return;
      case Parse.Sb:
        if (byte === IAC) this.parse = Parse.SbIac;
        return;
      case Parse.SbIac:
        this.parse = byte === SE ? Parse.Data : Parse.Sb;
        return;
    }
  }

  private negotiate(verb: number, option: number): void {
    if (option === BINARY && verb === WILL) this.serverWillBinary = true;
    if (option === BINARY && verb === DO) this.serverDoBinary = true;
    if (option === BINARY && verb === WONT) this.serverWillBinary = false;
    if (option === BINARY && verb === DONT) this.serverDoBinary = false;
    let reply: number | null = null;
    if (verb === DO) reply = WE_DO.has(option) ? WILL : WONT;
    else if (verb === WILL) reply = THEY_MAY.has(option) ? DO : DONT;
    if (reply === null) return;
    const key = `${reply}:${option}`;
    if (this.answered.has(key)) return;
    this.answered.add(key);
    this.socket.write(Buffer.from([IAC, reply, option]));
  }
}
