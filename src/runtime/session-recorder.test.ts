import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionTestApp } from '../../test/support/session-test-app.js';
import type { PortParticipant } from './appliance.js';

interface LogRecord { level: number; msg: string; [key: string]: unknown }

let t: SessionTestApp;
let records: LogRecord[];
let marks: { port: number; text: string }[];

beforeEach(() => {
  records = [];
  marks = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { records.push(JSON.parse(line) as LogRecord); } });
  t = new SessionTestApp({ logger, marks: { mark: (port, text) => { marks.push({ port, text }); } } });
});
afterEach(() => { t.close(); });

describe('StoreSessionRecorder', () => {
  it('stores each connection with its method, client, listener, mode and join/leave times', () => {
    const alice = t.connect('alice', 'USER', 2, { client: { method: 'telnet', host: 'ws1', address: '192.0.2.1', listener: 'telnet-port-2' } });
    t.advance(2_000);
    t.connect('mon', 'ADMIN', 2, { mode: 'listen' });
    t.advance(3_000);
    t.dispatch({ type: 'leave', connectionId: alice });
    const rows = t.store.sessions.connections('S1');
    expect(rows).toEqual([
      expect.objectContaining({ user: 'alice', method: 'telnet', clientHost: 'ws1', address: '192.0.2.1',
        listener: 'telnet-port-2', mode: 'rw', exclusive: false, joinedAt: t.clock - 5_000, leftAt: t.clock }),
      expect.objectContaining({ user: 'mon', method: 'ssh', mode: 'listen', leftAt: null }),
    ]);
  });

  it('stores the session start, its events and its end', () => {
    const alice = t.connect('alice', 'USER', 1, { exclusive: true });
    t.advance(1_000);
    t.dispatch({ type: 'leave', connectionId: alice });
    expect(t.store.sessions.get('S1')).toMatchObject({ port: 1, initiator: 'alice', createdAt: t.clock - 1_000,
      endedAt: t.clock, howEnded: 'last connection left', access: 'PUBLIC' });
    expect(t.store.sessions.history('S1').map((e) => e.event)).toEqual(['created', 'left']);
    expect(t.store.sessions.nextSessionNumber()).toBe(2);
  });

  it('marks attach, detach and preempt in the port log', () => {
    t.connect('alice', 'USER', 3);
    const carol = t.connect('carol', 'ADMIN', 3);
    t.dispatch({ type: 'choose', connectionId: carol, choice: 'E' });
    expect(marks).toEqual([
      { port: 3, text: 'alice attached (ssh, rw)' },
      { port: 3, text: 'alice detached' },
      { port: 3, text: 'preempted by carol (was alice)' },
      { port: 3, text: 'carol attached (ssh, rw, exclusive)' },
    ]);
  });

  it('records a participant without client info as the console', () => {
    const noop = (): void => undefined;
    const bare: PortParticipant = { user: 'root', notify: noop, attached: noop, detached: noop, refused: noop,
      awaitChoice: noop, awaitApproval: noop, awaitAnswer: noop, questionWithdrawn: noop };
    t.connectAs(bare, 'APPLIANCEADMIN', 1);
    expect(t.store.sessions.connections('S1')[0]).toMatchObject({ user: 'root', method: 'console', address: '', listener: '' });
  });

  it('logs structured records of who did what, without device data', () => {
    t.connect('alice', 'USER', 1);
    const messages = records.map((r) => r.msg);
    expect(messages).toEqual(['session started', 'session event', 'connection attached']);
    expect(records[1]).toMatchObject({ sessionId: 'S1', port: 1, event: 'created', user: 'alice' });
    expect(records[2]).toMatchObject({ connectionId: 1, method: 'ssh', address: '10.0.0.9', mode: 'rw' });
  });

  it('logs a store failure instead of throwing into the broker loop', () => {
    t.store.close();
    expect(() => t.connect('alice', 'USER', 1)).not.toThrow();
    expect(t.broker.ports[0]!.session?.id).toBe('S1');
    const errors = records.filter((r) => r.level >= 50).map((r) => r.msg);
    expect(errors).toEqual(['could not create session', 'could not record session event', 'could not record connection']);
    expect(marks).toEqual([{ port: 1, text: 'alice attached (ssh, rw)' }]);
  });
});
