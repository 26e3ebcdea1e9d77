import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ACCESS } from '../domain/rights.js';
import { defaultPortSettings } from './port-settings-repository.js';
import { DEFAULT_SERVER_SETTINGS } from './server-settings-repository.js';
import { sessionId, sessionNumber } from './session-repository.js';
import { openStore, type Store } from './store.js';

const LIMITS = { maxUsers: 64, groupsPerUser: 16 };
let root = '';
let store: Store;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccmd-repos-'));
  store = openStore(root, LIMITS);
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

function reopen(): Store {
  store.close();
  store = openStore(root, LIMITS);
  return store;
}

describe('PortSettingsRepository', () => {
  it('stores, reads back and survives a re-open', () => {
    expect(store.ports.get(3)).toBeNull();
    const s = { ...defaultPortSettings(3), name: 'router1', baud: 115200, share: 'AUTO' as const, log: false, char: '^E' };
    expect(store.ports.save(s)).toEqual({ ok: true });
    expect(reopen().ports.get(3)).toEqual(s);
    expect(store.ports.list().map((p) => p.port)).toEqual([3]);
  });

  it('keeps TD=, POWER= and TOGGLE= (issue 12, migration 030), and SQLite itself refuses a bad POWER', () => {
    const s = { ...defaultPortSettings(4), td: 'SPC' as const, power: 'DSR,LOW', toggle: 'DTR' as const };
    expect(store.ports.save(s)).toEqual({ ok: true });
    expect(reopen().ports.get(4)).toEqual(s);
    expect(defaultPortSettings(5)).toMatchObject({ td: 'CONSOLE', power: 'NONE', toggle: 'NONE' });
    expect(() => store.db.prepare("UPDATE port_settings SET power = 'RTS,HIGH' WHERE port = 4").run()).toThrow(/CHECK/);
  });

  it('a config entry gives starting values, its device path is not a setting', () => {
    expect(store.ports.current(6, { device: '/dev/ttyUSB0', baud: 19200, td: 'SPC', name: 'pdu1' }))
      .toEqual({ ...defaultPortSettings(6), baud: 19200, td: 'SPC', name: 'pdu1' });
  });

  it('refuses a name another port has (ignoring case), all or none', () => {
    store.ports.save({ ...defaultPortSettings(1), name: 'router1' });
    const r = store.ports.saveAll([{ ...defaultPortSettings(2), baud: 19200 }, { ...defaultPortSettings(3), name: 'ROUTER1' }]);
    expect(r).toMatchObject({ ok: false, code: 'name-taken', token: 'ROUTER1' });
    expect(store.ports.get(2)).toBeNull();
    expect(store.ports.remove(1)).toBe(true);
    expect(store.ports.get(1)).toBeNull();
  });
});

describe('ServerSettingsRepository', () => {
  it('gives the decided defaults', () => {
    expect(store.server.get()).toEqual({ share: 'QUERY', queryTimeoutSeconds: 30, cliChar: '^D', cliTimeoutMinutes: 15,
      cliHistory: 'KEEP', lockoutHours: 1, sshEnabled: true, sshAuth: 'PW|KEY' });
    expect(DEFAULT_SERVER_SETTINGS.share).toBe('QUERY');
  });

  it('stores valid values and refuses bad ones as data, storing nothing', () => {
    expect(store.server.set({ share: 'AUTO', lockoutHours: 0, sshAuth: 'PW&KEY' }).ok).toBe(true);
    const bad = store.server.set({ share: 'DISABLE', queryTimeoutSeconds: -1 });
    expect(bad).toMatchObject({ ok: false, key: 'queryTimeoutSeconds' });
    expect(reopen().server.get()).toMatchObject({ share: 'AUTO', lockoutHours: 0, sshAuth: 'PW&KEY', queryTimeoutSeconds: 30 });
  });

  it('ignores stored values that no longer validate', () => {
    store.db.prepare("INSERT INTO server_settings (key, value) VALUES ('share', '\"BOGUS\"'), ('nonsense', '1')").run();
    expect(reopen().server.get().share).toBe('QUERY');
  });
});

describe('GroupRepository', () => {
  it('saves sorted unique ports, lists, and deleting takes the group off users', async () => {
    expect(store.groups.save({ name: 'lab', ports: [4, 2, 2] })).toEqual({ name: 'lab', ports: [2, 4] });
    store.groups.save({ name: 'core', ports: [9] });
    expect(store.groups.list().map((g) => g.name)).toEqual(['core', 'lab']);
    await store.users.add('Admin', { password: 'adminpw', access: ADMIN_ACCESS, groups: ['lab', 'core'] }, 1);
    expect(store.groups.delete('lab')).toBe(true);
    expect(store.groups.delete('lab')).toBe(false);
    expect(store.groups.get('lab')).toBeNull();
    expect(store.users.get('Admin')?.groups).toEqual(['core']);
  });
});

describe('SessionRepository', () => {
  const base = { port: 2, initiator: 'jdoe', access: 'PUBLIC' as const };

  it('numbers move forward only and survive a re-open', () => {
    expect(store.sessions.nextSessionNumber()).toBe(1);
    expect(store.sessions.create({ ...base, id: 'S1', createdAt: 10 })).toBe(true);
    expect(store.sessions.create({ ...base, id: 'S1', createdAt: 11 })).toBe(false);
    expect(store.sessions.create({ ...base, id: 'S7', createdAt: 12 })).toBe(true);
    expect(store.sessions.create({ ...base, id: 'X7', createdAt: 12 })).toBe(false);
    expect(reopen().sessions.nextSessionNumber()).toBe(8);
    expect(store.sessions.create({ ...base, id: 'S3', createdAt: 13 })).toBe(true);
    expect(store.sessions.nextSessionNumber()).toBe(8);
    expect(sessionId(8)).toBe('S8');
    expect(sessionNumber('S08')).toBeNull();
  });

  it('records connections, events, access and the end, kept after it ends', () => {
    store.sessions.create({ ...base, id: 'S1', createdAt: 10 });
    store.sessions.addConnection({ sessionId: 'S1', connectionId: 4, user: 'jdoe', method: 'ssh', clientHost: 'laptop',
      address: '127.0.0.1', listener: 'ssh-cli', mode: 'rw', exclusive: false, joinedAt: 10 });
    store.sessions.addEvent({ sessionId: 'S1', at: 10, event: 'created', user: 'jdoe' });
    store.sessions.addEvent({ sessionId: 'S1', at: 20, event: 'joined', user: 'amy', detail: 'telnet' });
    expect(store.sessions.setAccess('S1', 'PRIVATE')).toBe(true);
    expect(store.sessions.connectionLeft('S1', 4, 30)).toBe(true);
    expect(store.sessions.connectionLeft('S1', 4, 31)).toBe(false);
    expect(store.sessions.end('S1', 30, 'last-left')).toBe(true);
    expect(store.sessions.end('S1', 40, 'again')).toBe(false);
    reopen();
    expect(store.sessions.get('S1')).toEqual({ ...base, id: 'S1', createdAt: 10, endedAt: 30, howEnded: 'last-left',
      access: 'PRIVATE' });
    expect(store.sessions.connections('S1')[0]).toMatchObject({ connectionId: 4, method: 'ssh', leftAt: 30, exclusive: false });
    expect(store.sessions.history('S1').map((e) => [e.event, e.user, e.detail])).toEqual([
      ['created', 'jdoe', null], ['joined', 'amy', 'telnet']]);
  });

  it('ends sessions left running by a crash', () => {
    store.sessions.create({ ...base, id: 'S1', createdAt: 10 });
    store.sessions.create({ ...base, id: 'S2', createdAt: 11 });
    store.sessions.end('S1', 12, 'last-left');
    expect(store.sessions.endAllRunning(99, 'daemon-stopped')).toBe(1);
    expect(store.sessions.recent().map((s) => [s.id, s.howEnded])).toEqual([['S2', 'daemon-stopped'], ['S1', 'last-left']]);
  });

  it('refuses events for a session that does not exist (foreign keys on)', () => {
    expect(() => store.sessions.addEvent({ sessionId: 'S99', at: 1, event: 'created', user: 'x' })).toThrow(/FOREIGN KEY/);
  });
});

describe('AuditRepository', () => {
  it('appends and lists newest first', () => {
    const a = store.audit.record({ at: 1, user: 'Admin', from: 'console', action: 'USER ADD', detail: 'jdoe' });
    const b = store.audit.record({ at: 2, user: 'Admin', from: 'ssh 127.0.0.1', action: 'SERVER SHARE', detail: null });
    expect(b).toBeGreaterThan(a);
    expect(reopen().audit.recent(1)).toEqual([{ id: b, at: 2, user: 'Admin', from: 'ssh 127.0.0.1',
      action: 'SERVER SHARE', detail: null }]);
  });
});
