/**
 * A small but real server-side Telnet codec for the listener tests, independent of
 * src/protocol/telnet so a codec bug and a listener bug do not hide each other.
 */
import type { TelnetCodec, TelnetEvent } from '../../src/transports/telnet/telnet-server.js';

export const IAC = 255, SB = 250, SE = 240, WILL = 251, WONT = 252, DO = 253, DONT = 254, BRK = 243;
export const ECHO = 1, SGA = 3, NAWS = 31, BINARY = 0;

/** A small but real server-side codec: IAC IAC, option replies, NAWS, BRK, CR NUL. */
export class TestCodec implements TelnetCodec {
  private state: 'data' | 'iac' | 'option' | 'sb' | 'sb-iac' | 'cr' = 'data';
  private verb = 0;
  private sb: number[] = [];

  initialNegotiation(): Buffer {
    return Buffer.from([IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, NAWS, IAC, WILL, BINARY, IAC, DO, BINARY]);
  }

  encodeData(data: Buffer): Buffer {
    return data.includes(IAC) ? Buffer.from([...data].flatMap((b) => (b === IAC ? [IAC, IAC] : [b]))) : data;
  }

  receive(chunk: Buffer): TelnetEvent[] {
    const events: TelnetEvent[] = [];
    let data: number[] = [];
    const flush = (): void => {
      if (data.length > 0) events.push({ type: 'data', data: Buffer.from(data) });
      data = [];
    };
    for (const byte of chunk) {
      if (this.state === 'cr') {
        this.state = 'data';
        if (byte === 0) continue;
      }
      if (this.state === 'data') this.onData(byte, data);
      else if (this.state === 'iac') this.onCommand(byte, data, events, flush);
      else if (this.state === 'option') this.onOption(byte, events);
      else this.onSubnegotiation(byte, events, flush);
    }
    flush();
    return events;
  }

  private onData(byte: number, data: number[]): void {
    if (byte === IAC) {
      this.state = 'iac';
      return;
    }
    data.push(byte);
    if (byte === 0x0d) this.state = 'cr';
  }

  private onCommand(byte: number, data: number[], events: TelnetEvent[], flush: () => void): void {
    this.state = 'data';
    if (byte === IAC) data.push(IAC);
    if (byte === BRK) {
      flush();
      events.push({ type: 'break' });
    }
    if (byte === SB) {
      this.state = 'sb';
      this.sb = [];
    }
    if (byte >= WILL && byte <= DONT) {
      this.verb = byte;
      this.state = 'option';
    }
  }

  private onOption(option: number, events: TelnetEvent[]): void {
    this.state = 'data';
    if (this.verb === DO && ![ECHO, SGA, BINARY].includes(option)) events.push({ type: 'send', data: Buffer.from([IAC, WONT, option]) });
    if (this.verb === WILL && ![NAWS, BINARY].includes(option)) events.push({ type: 'send', data: Buffer.from([IAC, DONT, option]) });
  }

  private onSubnegotiation(byte: number, events: TelnetEvent[], flush: () => void): void {
    if (this.state === 'sb') {
      if (byte === IAC) this.state = 'sb-iac';
      else if (this.sb.length < 64) this.sb.push(byte);
      return;
    }
    this.state = byte === SE ? 'data' : 'sb';
    if (byte === IAC && this.sb.length < 64) this.sb.push(IAC);
    if (byte === SE && this.sb[0] === NAWS && this.sb.length === 5) {
      flush();
      const [, c1, c2, r1, r2] = this.sb as [number, number, number, number, number];
      events.push({ type: 'resize', columns: c1 * 256 + c2, rows: r1 * 256 + r2 });
    }
  }
}
