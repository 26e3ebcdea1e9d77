/**
 * Issue 15: the authenticator's method chain over a real store and Debian's FreeRADIUS:
 * SERVER SECURITY AUTH= order, LOCAL fallback only when no server answers, fail-over, rights
 * recorded for remote users, lockout, and 1,000 wrong passwords with memory kept flat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreAuthenticator } from '../../src/auth/authenticator.js';
import { backendFor } from '../../src/auth/backends.js';
import { RemoteLockouts } from '../../src/auth/remote-lockouts.js';
import { APPLIANCEADMIN_ACCESS, formatAccessList } from '../../src/domain/rights.js';
import { silentLogger } from '../../src/logger.js';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../../src/store/auth-settings-repository.js';
import { DEFAULT_SERVER_SETTINGS } from '../../src/store/server-settings-repository.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ClientInfo } from '../../src/transports/terminal.js';
import { freeUdpPort, startFreeRadius, type FreeRadius } from '../support/freeradius.js';

const ssh: ClientInfo = { method: 'ssh', address: '127.0.0.1', remotePort: 5000, host: 'localhost', listener: 'ssh-cli' };

let radius: FreeRadius;
let downPort: number;
let dir: string;
let store: Store;
let lockouts: RemoteLockouts;
let auth: StoreAuthenticator;
const clock = 1_700_000_000_000;

beforeAll(async () => {
  radius = await startFreeRadius([
    { name: 'radops', password: 'ops-pass-1', filterIds: ['ccmd:P1-4,SMON'] },
    { name: 'radplain', password: 'plain-pass-1' },
    { name: 'Admin', password: 'radius-admin-pw' },
  ]);
  downPort = await freeUdpPort();
  dir = mkdtempSync(join(tmpdir(), 'ccmd-remote-auth-'));
  store = openStore(dir, { maxUsers: 64, groupsPerUser: 16 });
  const added = await store.users.add('Admin', { password: 'local-admin-pw', access: APPLIANCEADMIN_ACCESS }, clock);
  if (!added.ok) throw new Error(added.message);
});
afterAll(async () => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await radius?.stop();
});
beforeEach(() => {
  lockouts = new RemoteLockouts();
  store.server.set(DEFAULT_SERVER_SETTINGS);
  auth = new StoreAuthenticator(store.users, store.server, () => clock, {
    settings: store.auth, remoteUsers: store.remoteUsers, portCount: 16, backendFor, logger: silentLogger(), lockouts,
  });
  store.users.unlock('Admin');
});

function configure(methods: AuthSettings['methods'], radiusPatch: Partial<AuthSettings['radius']> = {}): void {
  const written = store.auth.set({ methods, radius: { ...DEFAULT_AUTH_SETTINGS.radius,
    primary: { host: '127.0.0.1', port: radius.port, secret: radius.secret }, timeoutSeconds: 1, retries: 0, ...radiusPatch } });
  if (!written.ok) throw new Error(written.message);
}
const down = () => ({ host: '127.0.0.1', port: downPort, secret: 'whatever' });

describe('SERVER SECURITY AUTH= with FreeRADIUS', () => {
  it('a RADIUS-only user logs in with the rights of their Filter-Id, recorded as a RADIUS user', async () => {
    configure(['RADIUS']);
    expect(await auth.checkPassword('radops', 'ops-pass-1', ssh)).toEqual({ ok: true, user: 'radops' });
    const record = store.remoteUsers.get('radops');
    expect(record?.source).toBe('RADIUS');
    expect(record && formatAccessList(record.access)).toBe('P1-4,SMON');
  });

  it('an accepted user without a ccmd Filter-Id is refused unless DEFAULT= is set', async () => {
    configure(['RADIUS']);
    expect(await auth.checkPassword('radplain', 'plain-pass-1', ssh)).toEqual({ ok: false, reason: 'bad-credentials' });
    configure(['RADIUS'], { defaultAccess: 'PALL,SMON' });
    expect(await auth.checkPassword('radplain', 'plain-pass-1', ssh)).toEqual({ ok: true, user: 'radplain' });
    const record = store.remoteUsers.get('radplain');
    expect(record && formatAccessList(record.access)).toBe('PALL,SMON');
  });

  it('RADIUS,LOCAL: a RADIUS "no" is final, LOCAL is asked only while RADIUS does not answer', async () => {
    configure(['RADIUS', 'LOCAL']);
    expect(await auth.checkPassword('Admin', 'local-admin-pw', ssh)).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(await auth.checkPassword('Admin', 'radius-admin-pw', ssh)).toEqual({ ok: true, user: 'Admin' });
    configure(['RADIUS', 'LOCAL'], { primary: down() });
    expect(await auth.checkPassword('Admin', 'local-admin-pw', ssh)).toEqual({ ok: true, user: 'Admin' });
    expect(await auth.checkPassword('radops', 'ops-pass-1', ssh)).toEqual({ ok: false, reason: 'bad-credentials' });
  });

  it('LOCAL,RADIUS: local users locally, everyone else by RADIUS', async () => {
    configure(['LOCAL', 'RADIUS']);
    expect(await auth.checkPassword('Admin', 'local-admin-pw', ssh)).toEqual({ ok: true, user: 'Admin' });
    expect(await auth.checkPassword('Admin', 'radius-admin-pw', ssh)).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(await auth.checkPassword('radops', 'ops-pass-1', ssh)).toEqual({ ok: true, user: 'radops' });
  });

  it('a primary that is down fails over to the secondary', async () => {
    configure(['RADIUS'], { primary: down(), secondary: { host: '127.0.0.1', port: radius.port, secret: radius.secret } });
    expect(await auth.checkPassword('radops', 'ops-pass-1', ssh)).toEqual({ ok: true, user: 'radops' });
  });

  it('five wrong RADIUS passwords lock the name; the right one is then refused without asking the server', async () => {
    configure(['RADIUS']);
    for (let i = 0; i < 5; i++) expect(await auth.checkPassword('radops', `wrong${i}`, ssh)).toEqual({ ok: false, reason: 'bad-credentials' });
    const asked = radius.output().split('Auth: (').length;
    expect(await auth.checkPassword('radops', 'ops-pass-1', ssh)).toEqual({ ok: false, reason: 'locked' });
    expect(radius.output().split('Auth: (').length).toBe(asked);
    expect(lockouts.clear('radops')).toBe(true);
    expect(await auth.checkPassword('radops', 'ops-pass-1', ssh)).toEqual({ ok: true, user: 'radops' });
  });

  it('1,000 wrong passwords through RADIUS: every one refused, memory flat', async () => {
    configure(['RADIUS']);
    store.server.set({ lockoutHours: 0 }); // every attempt reaches the server
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const guess = async (from: number) => {
      for (let i = from; i < from + 50; i++) {
        const outcome = await auth.checkPassword(i % 2 ? 'radops' : `guess${i}`, `wrong-${i}`, ssh);
        expect(outcome.ok).toBe(false);
      }
    };
    await Promise.all(Array.from({ length: 4 }, (_, k) => guess(k * 50))); // warm up
    gc();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    await Promise.all(Array.from({ length: 20 }, (_, k) => guess(1000 + k * 50)));
    const seconds = (performance.now() - started) / 1000;
    gc();
    const after = process.memoryUsage().heapUsed;
    console.log(`1,000 wrong RADIUS passwords: ${seconds.toFixed(2)} s; heap ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB`);
    expect(after - before).toBeLessThan(3_000_000);
    expect(store.remoteUsers.get('guess1000')).toBeNull();
  }, 90_000);
});
