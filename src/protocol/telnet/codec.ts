/**
 * ccmd's own Telnet codec (RFC 854/855, options by the RFC 1143 Q method): bytes in, events out,
 * no sockets and no timers (STYLE: sans-I/O, like the gensio Telnet filter). We do not use
 * telnetlib: a malformed 7-byte NAWS crashed it and it corrupted 0xFF in output.
 *
 * Contract: `receive` never throws on any input, at any split of the stream; user data is handed
 * out as subarrays of the input chunk (zero-copy); the only allocations are per event.
 */
import {
  AO, AYT, BRK, CR, DO, DONT, EC, EL, IAC, IP, NUL, SB, SE, TelnetOption, WILL, WONT,
  type OptionSide,
} from './constants.js';
import { askDisable, askEnable, newQOption, receivedDisable, receivedEnable, type QOption, type QReply } from './q-method.js';

export type TelnetEvent =
  /** User data, framing removed. A subarray of the chunk given to `receive`: copy it to keep it. */
  | { readonly type: 'data'; readonly data: Buffer }
  /** Bytes to write to the socket as they are (negotiation replies, the AYT answer). */
  | { readonly type: 'send'; readonly data: Buffer }
  /** IAC BRK: the user wants a serial break sent to the device. */
  | { readonly type: 'break' }
  /** A well-formed NAWS subnegotiation with both dimensions non-zero (RFC 1073: 0 = unknown). */
  | { readonly type: 'resize'; readonly columns: number; readonly rows: number }
  /** An option became enabled or disabled on one side. */
  | { readonly type: 'option'; readonly option: number; readonly side: OptionSide; readonly enabled: boolean };

/** Which options each side may have on, and which we ask for at the start. */
export interface TelnetPolicy {
  /** Options we agree to perform when the peer says DO. */
  readonly acceptLocal: readonly number[];
  /** Options we let the peer perform when it says WILL. */
  readonly acceptRemote: readonly number[];
  /** Options `initialNegotiation` offers (WILL). */
  readonly requestLocal: readonly number[];
  /** Options `initialNegotiation` asks of the peer (DO). */
  readonly requestRemote: readonly number[];
}

/**
 * SPEC §2: we echo (so the password is never echoed by the client), suppress go-ahead both ways,
 * ask for the window size, and accept BINARY both ways without asking for it (decided: a plain
 * client then keeps CR NUL / CR LF newline handling, which the line editor relies on).
 */
export const SERVER_POLICY: TelnetPolicy = {
  acceptLocal: [TelnetOption.ECHO, TelnetOption.SGA, TelnetOption.BINARY],
  acceptRemote: [TelnetOption.SGA, TelnetOption.NAWS, TelnetOption.BINARY],
  requestLocal: [TelnetOption.ECHO, TelnetOption.SGA],
  requestRemote: [TelnetOption.SGA, TelnetOption.NAWS],
};

/** Longest subnegotiation kept; longer ones are discarded whole (NAWS needs 4 bytes). */
export const MAX_SUBNEGOTIATION = 64;

/** What IAC IP / EC / EL become in the data stream: ^C, DEL, ^U (as telnetd maps them to the tty's keys). */
const INTERRUPT_BYTE = Buffer.from([0x03]);
const ERASE_CHAR_BYTE = Buffer.from([0x7f]);
const ERASE_LINE_BYTE = Buffer.from([0x15]);
const AYT_REPLY = Buffer.from('\r\n[ccmd] yes\r\n', 'latin1');

const enum Parse { Data, Iac, Negotiate, SbOption, SbData, SbIac }

export class TelnetCodec {
  private readonly policy: TelnetPolicy;
  private readonly local = new Map<number, QOption>();
  private readonly remote = new Map<number, QOption>();
  private parse = Parse.Data;
  private verb = 0;
  private afterCr = false;
  /** Cached `isEnabled(BINARY, 'remote')`: the peer's data is binary, no CR NUL handling. */
  private binaryIn = false;
  private sbOption = 0;
  private readonly sb = Buffer.alloc(MAX_SUBNEGOTIATION);
  private sbLength = 0;
  private sbOverflow = false;

  constructor(policy: TelnetPolicy = SERVER_POLICY) {
    this.policy = policy;
  }

  /** The opening requests of the policy (WILL/DO); call once and write the result to the socket. */
  initialNegotiation(): Buffer {
    const out: number[] = [];
    for (const option of this.policy.requestLocal) this.queue(out, askEnable(this.q('local', option)), 'local', option);
    for (const option of this.policy.requestRemote) this.queue(out, askEnable(this.q('remote', option)), 'remote', option);
    return Buffer.from(out);
  }

  /** True when the option is on for that side (RFC 1143 state YES). */
  isEnabled(option: number, side: OptionSide): boolean {
    return (side === 'local' ? this.local : this.remote).get(option)?.state === 'YES';
  }

  /** Ask for an option to be turned on or off later in the session. Returns the events (sends). */
  request(option: number, side: OptionSide, enable: boolean): TelnetEvent[] {
    const q = this.q(side, option);
    const wasOn = q.state === 'YES';
    const out: number[] = [];
    this.queue(out, enable ? askEnable(q) : askDisable(q), side, option);
    const events: TelnetEvent[] = [];
    if (out.length > 0) events.push({ type: 'send', data: Buffer.from(out) });
    this.noteChange(events, option, side, wasOn);
    return events;
  }

  /**
   * Doubles 0xFF (IAC) in outgoing user data. Returns the same Buffer when it holds no 0xFF
   * (the common case: no allocation on the data path).
   */
  encodeData(data: Buffer): Buffer {
    let at = data.indexOf(IAC);
    if (at < 0) return data;
    let count = 0;
    for (let i = at; i >= 0; i = data.indexOf(IAC, i + 1)) count++;
    const out = Buffer.allocUnsafe(data.length + count);
    let from = 0;
    let to = 0;
    while (at >= 0) {
      to += data.copy(out, to, from, at + 1);
      out[to++] = IAC;
      from = at + 1;
      at = data.indexOf(IAC, from);
    }
    data.copy(out, to, from);
    return out;
  }

  /** Feeds bytes read from the socket; returns the events they produce, in stream order. */
  receive(chunk: Buffer): TelnetEvent[] {
    const events: TelnetEvent[] = [];
    const replies: number[] = [];
    let runStart = -1;
    const flush = (end: number): void => {
      if (runStart >= 0 && end > runStart) events.push({ type: 'data', data: chunk.subarray(runStart, end) });
      runStart = -1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      switch (this.parse) {
        case Parse.Data:
          if (byte === IAC) {
            flush(i);
            this.parse = Parse.Iac;
          } else if (this.afterCr && byte === NUL && !this.binaryIn) {
            // RFC 854: CR NUL is a bare carriage return; the NUL is not data.
            flush(i);
            this.afterCr = false;
          } else {
            if (runStart < 0) runStart = i;
            this.afterCr = byte === CR && !this.binaryIn;
          }
          break;
        case Parse.Iac:
          this.afterCr = false;
          if (byte === IAC) {
            // IAC IAC: the second byte is the data 0xFF itself, so the run starts here (no copy).
            this.parse = Parse.Data;
            runStart = i;
          } else {
            this.command(byte, events, replies);
          }
          break;
        case Parse.Negotiate:
          this.parse = Parse.Data;
          this.negotiate(this.verb, byte, events, replies);
          break;
        case Parse.SbOption:
          this.sbOption = byte;
          this.sbLength = 0;
          this.sbOverflow = false;
          this.parse = Parse.SbData;
          break;
        case Parse.SbData:
          if (byte === IAC) this.parse = Parse.SbIac;
          else this.keepSb(byte);
          break;
        case Parse.SbIac:
          if (byte === IAC) {
            this.keepSb(IAC);
            this.parse = Parse.SbData;
          } else if (byte === SE) {
            this.parse = Parse.Data;
            this.subnegotiation(events);
          } else {
            // RFC 855 violation (IAC <cmd> inside SB): drop the subnegotiation, obey the command.
            this.command(byte, events, replies);
          }
          break;
      }
    }
    flush(chunk.length);
    if (replies.length > 0) events.push({ type: 'send', data: Buffer.from(replies) });
    return events;
  }

  private command(byte: number, events: TelnetEvent[], replies: number[]): void {
    this.parse = Parse.Data;
    switch (byte) {
      case WILL: case WONT: case DO: case DONT:
        this.verb = byte;
        this.parse = Parse.Negotiate;
        return;
      case SB:
        this.parse = Parse.SbOption;
        return;
      case BRK:
        events.push({ type: 'break' });
        return;
      case IP:
        events.push({ type: 'data', data: INTERRUPT_BYTE });
        return;
      case EC:
        events.push({ type: 'data', data: ERASE_CHAR_BYTE });
        return;
      case EL:
        events.push({ type: 'data', data: ERASE_LINE_BYTE });
        return;
      case AYT:
        for (const b of AYT_REPLY) replies.push(b);
        return;
      case AO:
        // Nothing to flush: output is a live pass-through with bounded queues (STYLE data path).
        return;
      default:
        // NOP, DM, GA, stray SE and unassigned codes carry no meaning for us.
        return;
    }
  }

  private negotiate(verb: number, option: number, events: TelnetEvent[], replies: number[]): void {
    const side: OptionSide = verb === DO || verb === DONT ? 'local' : 'remote';
    const q = this.q(side, option);
    const wasOn = q.state === 'YES';
    const accepted = (side === 'local' ? this.policy.acceptLocal : this.policy.acceptRemote).includes(option);
    const reply = verb === WILL || verb === DO ? receivedEnable(q, accepted) : receivedDisable(q);
    this.queue(replies, reply, side, option);
    this.noteChange(events, option, side, wasOn);
  }

  private noteChange(events: TelnetEvent[], option: number, side: OptionSide, wasOn: boolean): void {
    const isOn = this.isEnabled(option, side);
    if (isOn === wasOn) return;
    if (option === TelnetOption.BINARY && side === 'remote') {
      this.binaryIn = isOn;
      this.afterCr = false;
    }
    events.push({ type: 'option', option, side, enabled: isOn });
  }

  private keepSb(byte: number): void {
    if (this.sbLength < MAX_SUBNEGOTIATION) this.sb[this.sbLength++] = byte;
    else this.sbOverflow = true;
  }

  private subnegotiation(events: TelnetEvent[]): void {
    if (this.sbOverflow || this.sbOption !== TelnetOption.NAWS) return;
    // RFC 1073: exactly WIDTH[2] HEIGHT[2]; anything else is malformed and ignored.
    if (this.sbLength !== 4 || !this.isEnabled(TelnetOption.NAWS, 'remote')) return;
    const columns = this.sb.readUInt16BE(0);
    const rows = this.sb.readUInt16BE(2);
    if (columns > 0 && rows > 0) events.push({ type: 'resize', columns, rows });
  }

  private queue(out: number[], reply: QReply, side: OptionSide, option: number): void {
    if (reply === null) return;
    const verb = side === 'local' ? (reply === 'enable' ? WILL : WONT) : (reply === 'enable' ? DO : DONT);
    out.push(IAC, verb, option);
  }

  private q(side: OptionSide, option: number): QOption {
    const table = side === 'local' ? this.local : this.remote;
    let q = table.get(option);
    if (q === undefined) {
      q = newQOption();
      table.set(option, q);
    }
    return q;
  }
}
