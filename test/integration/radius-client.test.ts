/**
 * Issue 15: ccmd's RADIUS client against Debian's FreeRADIUS, and against fault-injecting
 * servers for what a real server does not do on demand (silence, slowness, forged answers).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import radiusCodec from 'radius';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

type Forgery = 'no Message-Authenticator' | 'wrong Message-Authenticator';

/**
 * A BlastRADIUS-style attacker on the path: for every Access-Request it answers at once with a
 * forged Access-Accept granting APPLIANCEADMIN, whose Response Authenticator is right (what the
 * MD5 collision attack achieves; here made with the secret) but whose Message-Authenticator is
 * missing or wrong; then it relays the request to the real FreeRADIUS and its real answer back.
 */
async function forgingRelay(forgery: Forgery): Promise<{ port: number; forged: () => number; close: () => Promise<void> }> {
  const front: Socket = createSocket('udp4');
  const back: Socket = createSocket('udp4');
  let client: RemoteInfo | null = null;
  let forged = 0;
  front.on('message', (request, from) => {
    client = from;
    const decoded = radiusCodec.decode({ packet: request, secret: radius.secret });
    const answer = radiusCodec.encode({
      code: 'Access-Accept', identifier: decoded.identifier, authenticator: decoded.authenticator, secret: radius.secret,
      attributes: [['Filter-Id', 'ccmd:APPLIANCEADMIN']], add_message_authenticator: forgery === 'wrong Message-Authenticator',
    });
    if (forgery === 'wrong Message-Authenticator') {
      const at = answer.indexOf(Buffer.from([80, 18]), 20) + 2; // type 80, length 18
      randomBytes(16).copy(answer, at);
    }
    // Response Authenticator = MD5(code, id, length, request authenticator, attributes, secret).
    request.copy(answer, 4, 4, 20);
    createHash('md5').update(answer).update(radius.secret).digest().copy(answer, 4);
    forged++;
    front.send(answer, from.port, from.address);
    back.send(request, radius.port, '127.0.0.1');
  });
  back.on('message', (answer) => { if (client !== null) front.send(answer, client.port, client.address); });
  await Promise.all([
    new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve)),
    new Promise<void>((resolve) => back.bind(0, '127.0.0.1', resolve)),
  ]);
  return {
    port: front.address().port,
    forged: () => forged,
    close: () => Promise.all([front, back].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined),
  };
}

describe('forged answers (Message-Authenticator, RFC 3579; BlastRADIUS)', () => {
  const relays: { close: () => Promise<void> }[] = [];
  afterEach(async () => { await Promise.all(relays.splice(0).map((r) => r.close())); });

  it.each(['no Message-Authenticator', 'wrong Message-Authenticator'] as const)(
    'a forged Access-Accept with %s is dropped; the real answer that follows decides', async (forgery) => {
      const relay = await forgingRelay(forgery);
      relays.push(relay);
      const through = settings({ primary: { host: '127.0.0.1', port: relay.port, secret: radius.secret }, timeoutSeconds: 3 });
      expect(await new RadiusBackend(through).check('radops', 'wrong-pass')).toMatchObject({ kind: 'reject' });
      expect(await new RadiusBackend(through).check('radops', 'ops-pass-1'))
        .toEqual({ kind: 'accept', server: `127.0.0.1:${relay.port}`, grants: ['P1-4,SMON'] });
      expect(relay.forged()).toBe(2);
    });
});
