/**
 * SPEC §6 idle time-out. Minutes are too slow for an end-to-end test, so the timer logic is
 * checked here with a fake clock: IdleWatch alone, then as a CLI login wires it (a login that
 * types nothing for SERVER CLI TIMEOUT is told `Inactivity time-out` and closed).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { noticeText } from '../../cli/notice-text.js';
import { NO_ACCESS } from '../../domain/rights.js';
import type { Appliance } from '../appliance.js';
import type { ClientInfo, Terminal } from '../../transports/terminal.js';
import { IdleWatch } from './idle-watch.js';
import { LoginConnection } from './login-connection.js';
import type { LoginServices } from './login-services.js';

const MINUTE = 60_000;

describe('IdleWatch', () => {
  it('fires once after the time-out with no input', () => {
    const clock = new FakeClock();
    let fired = 0;
    const watch = new IdleWatch(clock, () => { fired += 1; });
    watch.arm(15 * MINUTE);
    clock.advance(15 * MINUTE - 1);
    expect(fired).toBe(0);
    clock.advance(1);
    expect(fired).toBe(1);
    clock.advance(60 * MINUTE);
    expect(fired).toBe(1);
  });

  it('input pushes the deadline back to a full time-out after the last keystroke', () => {
    const clock = new FakeClock();
    let fired = 0;
    const watch = new IdleWatch(clock, () => { fired += 1; });
    watch.arm(10 * MINUTE);
    clock.advance(9 * MINUTE);
    watch.touch();
    clock.advance(9 * MINUTE); // 18 min since arm, 9 since the keystroke
    expect(fired).toBe(0);
    clock.advance(MINUTE);
    expect(fired).toBe(1);
  });

  it('keeps a single timer however much is typed', () => {
    const clock = new FakeClock();
    const watch = new IdleWatch(clock, () => undefined);
    watch.arm(MINUTE);
    for (let i = 0; i < 1000; i++) watch.touch();
    expect(clock.pending).toBe(1);
  });

  it('0 means never, and stop cancels', () => {
    const clock = new FakeClock();
    let fired = 0;
    const never = new IdleWatch(clock, () => { fired += 1; });
    never.arm(0);
    expect(clock.pending).toBe(0);
    const stopped = new IdleWatch(clock, () => { fired += 1; });
    stopped.arm(MINUTE);
    stopped.stop();
    clock.advance(10 * MINUTE);
    expect(fired).toBe(0);
  });

  it('re-arming replaces the old deadline', () => {
    const clock = new FakeClock();
    let fired = 0;
    const watch = new IdleWatch(clock, () => { fired += 1; });
    watch.arm(MINUTE);
    watch.arm(5 * MINUTE);
    clock.advance(4 * MINUTE);
    expect(fired).toBe(0);
    clock.advance(MINUTE);
    expect(fired).toBe(1);
  });
});

/** A terminal that records what was written and whether it was closed. */
class RecordingTerminal extends EventEmitter implements Terminal {
  readonly client: ClientInfo = { method: 'ssh', address: '127.0.0.1', remotePort: 1, host: 'localhost', listener: 'ssh-cli' };
  written = '';
  closed = false;
  readonly pendingBytes = 0;
  write(data: Buffer | string): boolean {
    if (!this.closed) this.written += data.toString();
    return true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

/** Only what a CLI login that never connects to a port touches; the rest would throw. */
function cliServices(clock: FakeClock, cliTimeoutMs: number): LoginServices {
  const unused = (): never => { throw new Error('not used by a CLI-only login'); };
  return {
    appliance: {} as Appliance,
    clock,
    activeLogins: new Set(),
    renderNotice: (notice) => noticeText(notice, (n) => `port${n}`),
    resolvePort: unused, portRefusal: unused, levelOf: unused, recordIdle: unused, accessOf: () => NO_ACCESS,
    idleTimeoutMs: (port) => (port === null ? cliTimeoutMs : unused()),
    accessChar: unused, openPortOutput: unused, writeToPort: unused, sendBreak: unused, runCli: unused,
  };
}

describe('a CLI login with SERVER CLI TIMEOUT', () => {
  it('is told `Inactivity time-out` and closed after the time-out without input', () => {
    const clock = new FakeClock();
    const terminal = new RecordingTerminal();
    const services = cliServices(clock, 2 * MINUTE);
    new LoginConnection(terminal, 'usr1', services, { port: null, exclusive: false });
    expect(services.activeLogins.size).toBe(1);
    clock.advance(2 * MINUTE - 1);
    expect(terminal.closed).toBe(false);
    clock.advance(1);
    expect(terminal.written).toContain('\r\n[ccmd] Inactivity time-out\r\n');
    expect(terminal.closed).toBe(true);
    expect(services.activeLogins.size).toBe(0);
  });

  it('typing keeps it alive', () => {
    const clock = new FakeClock();
    const terminal = new RecordingTerminal();
    new LoginConnection(terminal, 'usr1', cliServices(clock, 2 * MINUTE), { port: null, exclusive: false });
    for (let i = 0; i < 5; i++) {
      clock.advance(MINUTE);
      terminal.emit('data', Buffer.from('x'));
    }
    expect(terminal.closed).toBe(false);
    clock.advance(2 * MINUTE);
    expect(terminal.closed).toBe(true);
  });

  it('a time-out of 0 never ends the login', () => {
    const clock = new FakeClock();
    const terminal = new RecordingTerminal();
    new LoginConnection(terminal, 'usr1', cliServices(clock, 0), { port: null, exclusive: false });
    clock.advance(24 * 60 * MINUTE);
    expect(terminal.closed).toBe(false);
    expect(clock.pending).toBe(0);
  });
});
