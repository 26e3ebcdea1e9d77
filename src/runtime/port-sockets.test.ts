import { describe, expect, it } from 'vitest';
import { PortSockets, type SocketListener } from './port-sockets.js';

/** A listener that "binds" unless the number is in `busy`; records what happened to it. */
class FakeListener implements SocketListener {
  port = 0;
  state: 'new' | 'listening' | 'stopped' | 'closed' = 'new';
  /** A made-up descriptor while listening (what SERVER REBOOT would hand over). */
  get fd(): number | null { return this.state === 'listening' ? 100 + this.port % 100 : null; }
  constructor(private readonly wanted: number, private readonly busy: Set<number>) {}
  listen(): Promise<number> {
    if (this.busy.has(this.wanted)) return Promise.reject(new Error('EADDRINUSE'));
    this.port = this.wanted === 0 ? 40_000 : this.wanted;
    this.state = 'listening';
    return Promise.resolve(this.port);
  }
  stopListening(): Promise<void> { this.state = 'stopped'; return Promise.resolve(); }
  close(): Promise<void> { this.state = 'closed'; return Promise.resolve(); }
}

function setup(base: number, others = new Map<number, string>([[2323, 'telnet-cli']]), busy = new Set<number>()) {
  const made: FakeListener[] = [];
  const published: Record<string, number> = {};
  const sockets = new PortSockets({
    base, others: () => others, published,
    create: (_n, port) => { const l = new FakeListener(port, busy); made.push(l); return l; },
  });
  return { sockets, made, published };
}

describe('PortSockets (issue 12: SOCKET= is live)', () => {
  it('starts on SOCKET= when set, else base + n, and none when the base is 0', async () => {
    const { sockets, published } = setup(3000);
    await sockets.start(1, null);
    await sockets.start(2, 5002);
    expect(published).toEqual({ 1: 3001, 2: 5002 });
    const off = setup(0);
    await off.sockets.start(1, null);
    expect(off.published).toEqual({});
  });

  it('a move binds the new number, then the old one stops accepting and is kept until close', async () => {
    const { sockets, made, published } = setup(3000);
    await sockets.start(3, null);
    expect(await sockets.move(3, 6003)).toEqual({ ok: true, port: 6003 });
    expect(made.map((l) => l.state)).toEqual(['stopped', 'listening']);
    expect(published[3]).toBe(6003);
    await sockets.close();
    expect(made.map((l) => l.state)).toEqual(['closed', 'closed']);
  });

  it('refuses a clash with another listener or another port, and a failed bind; nothing moves', async () => {
    const { sockets, made } = setup(3000, new Map([[2323, 'telnet-cli']]), new Set([7777]));
    await sockets.start(1, null);
    await sockets.start(2, null);
    expect(await sockets.move(1, 2323)).toEqual({ ok: false, reason: 'TCP port 2323 is already used by telnet-cli' });
    expect(await sockets.move(1, 3002)).toEqual({ ok: false, reason: 'TCP port 3002 is already used by telnet-port-2' });
    expect(await sockets.move(1, 7777)).toEqual({ ok: false, reason: 'TCP port 7777 cannot be used: EADDRINUSE' });
    expect(sockets.boundPort(1)).toBe(3001);
    expect(made.filter((l) => l.state === 'listening')).toHaveLength(2);
  });

  it('moving to where it is already is a no-op; null goes back to base + n, or off', async () => {
    const { sockets, made } = setup(3000);
    await sockets.start(4, 9004);
    expect(await sockets.move(4, 9004)).toEqual({ ok: true, port: 9004 });
    expect(made).toHaveLength(1);
    expect(await sockets.move(4, null)).toEqual({ ok: true, port: 3004 });
    const off = setup(0);
    await off.sockets.start(4, 9004);
    expect(await off.sockets.move(4, null)).toEqual({ ok: true, port: null });
    expect(off.published).toEqual({});
  });
});

describe('handles (SERVER REBOOT hands them over, issue 12)', () => {
  it('names every live socket telnet-port-<n>; one moved away from is not handed over', async () => {
    const { sockets } = setup(3000);
    await sockets.start(1, null);
    await sockets.start(2, 3500);
    expect(sockets.handles()).toEqual([
      { name: 'telnet-port-1', fd: 101, port: 3001 },
      { name: 'telnet-port-2', fd: 100, port: 3500 },
    ]);
    expect(await sockets.move(1, 3601)).toEqual({ ok: true, port: 3601 });
    expect(sockets.handles().map((h) => [h.name, h.port])).toEqual([['telnet-port-1', 3601], ['telnet-port-2', 3500]]);
  });
});
