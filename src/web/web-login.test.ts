import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import type { AuthOutcome, Authenticator } from '../transports/auth.js';
import { ConcurrentCheckGate } from '../transports/login-gate.js';
import type { ClientInfo } from '../transports/terminal.js';
import { webLoginCheck, type WebLoginOutcome } from './web-login.js';

const CLIENT: ClientInfo = { method: 'api', address: '127.0.0.1', remotePort: 1, host: '127.0.0.1', listener: 'api' };

/** An authenticator whose checks finish when the test says so. */
function heldAuthenticator() {
  const calls: { user: string; password: string; finish: (o: AuthOutcome) => void }[] = [];
  const authenticator: Authenticator = {
    checkPassword: (user, password) => new Promise((resolve) => calls.push({ user, password, finish: resolve })),
    checkPublicKey: () => Promise.resolve({ ok: false, reason: 'bad-credentials' }),
    sshMethods: () => ({ enabled: true, password: true, publicKey: true }),
  };
  return { authenticator, calls };
}

describe('webLoginCheck (SPEC §10 HTTP logins through the one authenticator)', () => {
  it('answers busy without checking anything once its gate is full, and admits again after', async () => {
    const { authenticator, calls } = heldAuthenticator();
    const outcomes: WebLoginOutcome[] = [];
    const check = webLoginCheck({ authenticator, gate: new ConcurrentCheckGate(2), logger: silentLogger(), onOutcome: (_m, o) => outcomes.push(o) });
    const first = check('alice', 'secret1', CLIENT);
    const second = check('bob', 'secret2', CLIENT);
    expect(await check('carol', 'secret3', CLIENT)).toEqual({ ok: false, reason: 'busy' });
    expect(calls.map((c) => c.user)).toEqual(['alice', 'bob']);
    calls[0]?.finish({ ok: true, user: 'alice' });
    expect(await first).toEqual({ ok: true, user: 'alice' });
    const third = check('carol', 'secret3', CLIENT);
    expect(calls.map((c) => c.user)).toEqual(['alice', 'bob', 'carol']);
    calls[1]?.finish({ ok: false, reason: 'locked' });
    calls[2]?.finish({ ok: false, reason: 'bad-credentials' });
    expect(await second).toEqual({ ok: false, reason: 'locked' });
    expect(await third).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['busy', 'ok', 'locked', 'bad-credentials']);
  });

  it('still hashes absurdly long credentials, as an unknown user, so they fail like any other', async () => {
    const { authenticator, calls } = heldAuthenticator();
    const check = webLoginCheck({ authenticator, gate: new ConcurrentCheckGate(2), logger: silentLogger() });
    const result = check('alice', 'x'.repeat(10_000), CLIENT);
    expect(calls[0]).toMatchObject({ user: '', password: '' });
    calls[0]?.finish({ ok: false, reason: 'bad-credentials' });
    expect(await result).toEqual({ ok: false, reason: 'bad-credentials' });
  });
});
