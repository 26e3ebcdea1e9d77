/**
 * Issue 15: ccmd's RADIUS client against Debian's FreeRADIUS, and against fault-injecting
 * servers for what a real server does not do on demand (silence, slowness, forged answers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadiusBackend } from '../../src/auth/radius/radius-client.js';
import { DEFAULT_AUTH_SETTINGS, type RadiusSettings } from '../../src/store/auth-settings-repository.js';
import { startFreeRadius, type FreeRadius } from '../support/freeradius.js';

let radius: FreeRadius;

beforeAll(async () => {
  radius = await startFreeRadius([
    { name: 'radops', password: 'ops-pass-1', filterIds: ['ccmd:P1-4,SMON'] },
    { name: 'radboss', password: 'boss-pass-1', filterIds: ['ccmd:APPLIANCEADMIN'] },
    { name: 'radplain', password: 'plain-pass-1' },
  ]);
});
afterAll(async () => { await radius?.stop(); });

function settings(patch: Partial<RadiusSettings> = {}): RadiusSettings {
  return { ...DEFAULT_AUTH_SETTINGS.radius, primary: { host: '127.0.0.1', port: radius.port, secret: radius.secret },
    timeoutSeconds: 1, retries: 0, ...patch };
}

describe('RADIUS against FreeRADIUS', () => {
  it('accepts a user with the right password and returns the ccmd Filter-Id', async () => {
    const started = performance.now();
    const answer = await new RadiusBackend(settings()).check('radops', 'ops-pass-1');
    const ms = performance.now() - started;
    expect(answer).toEqual({ kind: 'accept', server: `127.0.0.1:${radius.port}`, grants: ['P1-4,SMON'] });
    console.log(`RADIUS accept round trip: ${ms.toFixed(1)} ms`);
  });

  it('rejects a wrong password and an unknown user', async () => {
    expect((await new RadiusBackend(settings()).check('radops', 'wrong-pass')).kind).toBe('reject');
    expect((await new RadiusBackend(settings()).check('nobody', 'wrong-pass')).kind).toBe('reject');
  });

  it('an accept without a ccmd Filter-Id carries no grant', async () => {
    expect(await new RadiusBackend(settings()).check('radplain', 'plain-pass-1'))
      .toMatchObject({ kind: 'accept', grants: [] });
  });

  it('a wrong secret is no answer (the server drops the request; nothing verifies)', async () => {
    const answer = await new RadiusBackend(settings({ primary: { host: '127.0.0.1', port: radius.port, secret: 'not-the-secret' } }))
      .check('radops', 'ops-pass-1');
    expect(answer.kind).toBe('unreachable');
  });
});
