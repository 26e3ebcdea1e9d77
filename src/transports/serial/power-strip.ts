/**
 * A simulated power strip (issue 12): outlets 1..n that a request over the outlet protocol
 * (protocol/outlet-protocol.ts) switches on, off or cycles. Bytes in, bytes out through `send`;
 * time through the injected clock (CYCLE's off period). Used by the daemon's second kind of
 * simulated device (power-strip-device.ts) and by scripts/power-strip-sim.mjs, which puts it on
 * the far end of a socat pty, so ccmd's SPC client is tested over a real tty as well.
 *
 * Decisions: every outlet is ON when the strip starts; it echoes what it receives (a CR as
 * CR LF, an LF or NUL right after a CR swallowed, as a terminal would show it); CYCLE of an
 * outlet that is OFF turns it on after the cycle time too (the outlet ends ON either way).
 */
import {
  encodeReply, LineSplitter, MAX_LINE_BYTES, parseRequestLine, type OutletReply, type OutletState,
} from '../../protocol/outlet-protocol.js';
import type { Clock, Timer } from '../../runtime/clock.js';

export interface PowerStripOptions {
  readonly outlets: number;
  /** How long CYCLE keeps an outlet off. */
  readonly cycleMs: number;
  readonly clock: Clock;
  /** Where the strip's output goes (echo and replies), one call per input chunk or event. */
  readonly send: (bytes: Buffer) => void;
}

export class PowerStrip {
  private readonly states: OutletState[];
  private readonly cycles = new Map<number, Timer>();
  private readonly lines = new LineSplitter(MAX_LINE_BYTES);
  private afterCr = false;

  constructor(private readonly options: PowerStripOptions) {
    this.states = Array.from({ length: options.outlets }, () => 'ON');
  }

  /** The state of outlet n (1-based), for tests and status output. */
  outlet(n: number): OutletState | undefined {
    return this.states[n - 1];
  }

  /** Bytes from the line: echoed, and every completed request answered. */
  input(chunk: Buffer): void {
    let out = this.echo(chunk);
    for (const line of this.lines.push(chunk)) {
      out += line === null ? encodeReply({ kind: 'err', text: 'line too long' }) : this.answer(line);
    }
    if (out.length > 0) this.options.send(Buffer.from(out, 'latin1'));
  }

  /** Ends pending cycles at once, their outlets ON (the device is closed: no timer outlives it). */
  finishCycles(): void {
    for (const [outlet, timer] of this.cycles) {
      this.options.clock.clearTimeout(timer);
      this.states[outlet - 1] = 'ON';
    }
    this.cycles.clear();
  }

  /** The chunk as a terminal shows it: each line end as CR LF (one string per chunk). */
  private echo(chunk: Buffer): string {
    let text = chunk.toString('latin1');
    if (this.afterCr && (text.startsWith('\n') || text.startsWith('\0'))) text = text.slice(1);
    if (text.length > 0) this.afterCr = text.endsWith('\r');
    return text.replace(/\r[\n\0]?|\n/g, '\r\n');
  }

  private answer(line: string): string {
    const request = parseRequestLine(line);
    if (request === null) return '';
    if (request.kind === 'invalid') return encodeReply({ kind: 'err', text: request.text });
    const outlet = request.outlet;
    if (outlet !== null && (outlet < 1 || outlet > this.states.length)) {
      return encodeReply({ kind: 'err', text: `bad outlet ${outlet}: 1-${this.states.length}` });
    }
    if (request.kind === 'switch') this.switch(request.action, request.outlet);
    const shown = outlet === null ? this.states.map((_, i) => i + 1) : [outlet];
    const replies: OutletReply[] = shown.map((n) => ({ kind: 'outlet', outlet: n, state: this.states[n - 1] as OutletState }));
    return [...replies, { kind: 'ok' } as const].map(encodeReply).join('');
  }

  private switch(action: 'ON' | 'OFF' | 'CYCLE', outlet: number): void {
    const pending = this.cycles.get(outlet);
    if (pending !== undefined) this.options.clock.clearTimeout(pending);
    this.cycles.delete(outlet);
    if (action !== 'CYCLE') {
      this.states[outlet - 1] = action;
      return;
    }
    this.states[outlet - 1] = 'CYCLING';
    this.cycles.set(outlet, this.options.clock.setTimeout(() => {
      this.cycles.delete(outlet);
      this.states[outlet - 1] = 'ON';
    }, this.options.cycleMs));
  }
}
