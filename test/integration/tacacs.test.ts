/**
 * Issue 15, TACACS+: the fixture server (built on ccmd's codec) against Debian's independent
 * Perl client Authen::TacacsPlus, then ccmd's client against the fixture, faults included.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TacacsBackend } from '../../src/auth/tacacs/tacacs-client.js';
import { DEFAULT_AUTH_SETTINGS, type TacacsSettings } from '../../src/store/auth-settings-repository.js';
import { REPO } from '../support/daemon.js';
import { startTacacsServer, type TacacsFixture } from '../support/tacacs-server.js';

const run = promisify(execFile);
const PERL_CLIENT = join(REPO, 'test', 'support', 'tacacs-authen.pl');

let tacacs: TacacsFixture;
beforeAll(async () => {
  tacacs = await startTacacsServer([
    { name: 'tacops', password: 'ops-pass-1', args: ['ccmd-access=P1-4,SMON', 'idle=5'] },
    { name: 'tacboss', password: 'boss-pass-1', args: ['ccmd-access=APPLIANCEADMIN'] },
    { name: 'tacnone', password: 'none-pass-1', args: null },
  ]);
});
afterAll(async () => { await tacacs?.stop(); });

async function perl(user: string, password: string, type: 'ASCII' | 'PAP', key = tacacs.key): Promise<string> {
  const { stdout } = await run('perl', [PERL_CLIENT, String(tacacs.port), key, user, password, type], { timeout: 10_000 });
  return stdout.trim();
}

function settings(patch: Partial<TacacsSettings> = {}): TacacsSettings {
  return { ...DEFAULT_AUTH_SETTINGS.tacacs, primary: { host: '127.0.0.1', port: tacacs.port, secret: tacacs.key },
    timeoutSeconds: 1, ...patch };
}

describe('the TACACS+ fixture against Authen::TacacsPlus (Debian)', () => {
  it.each(['ASCII', 'PAP'] as const)('%s login: the right password passes, a wrong one fails', async (type) => {
    expect(await perl('tacops', 'ops-pass-1', type)).toBe('PASS');
    expect(await perl('tacops', 'wrong-pass', type)).toMatch(/^FAIL/);
    expect(tacacs.log.slice(-2)).toEqual([`authen ${type} tacops PASS`, `authen ${type} tacops FAIL`]);
  });

  it('a client with another key is not understood', async () => {
    const before = tacacs.log.length;
    expect(await perl('tacops', 'ops-pass-1', 'PAP', 'not-the-key')).toMatch(/^FAIL/);
    expect(tacacs.log.slice(before).some((l) => l.includes('PASS'))).toBe(false);
  });
});

describe('ccmd TACACS+ client', () => {
  it.each(['ASCII', 'PAP'] as const)('%s login then authorization returns the ccmd-access grant', async (login) => {
    const answer = await new TacacsBackend(settings({ login })).check('tacops', 'ops-pass-1');
    expect(answer).toEqual({ kind: 'accept', server: `127.0.0.1:${tacacs.port}`, grants: ['P1-4,SMON'] });
    expect(tacacs.log.slice(-2)).toEqual([`authen ${login} tacops PASS`, 'author tacops ccmd PASS_ADD']);
  });

  it('a wrong password is a no; refused authorization is a no', async () => {
    expect(await new TacacsBackend(settings()).check('tacops', 'bad-pass')).toMatchObject({ kind: 'reject' });
    expect(await new TacacsBackend(settings()).check('tacnone', 'none-pass-1'))
      .toMatchObject({ kind: 'reject', detail: 'authorization refused' });
  });

  it('a wrong key is no answer, not a no', async () => {
    const answer = await new TacacsBackend(settings({ primary: { host: '127.0.0.1', port: tacacs.port, secret: 'wrong-key' } }))
      .check('tacops', 'ops-pass-1');
    expect(answer.kind).toBe('unreachable');
  });

  it('a silent, a slow and a garbling server time out or fail over to the second server', async () => {
    const second = await startTacacsServer([{ name: 'tacops', password: 'ops-pass-1', args: ['ccmd-access=P2'] }]);
    try {
      for (const mode of ['silent', 'slow', 'garbage'] as const) {
        tacacs.mode = mode;
        tacacs.delayMs = 1500;
        const started = performance.now();
        const alone = await new TacacsBackend(settings()).check('tacops', 'ops-pass-1');
        expect(alone.kind, mode).toBe('unreachable');
        const both = await new TacacsBackend(settings({ secondary: { host: '127.0.0.1', port: second.port, secret: second.key } }))
          .check('tacops', 'ops-pass-1');
        expect(both, mode).toMatchObject({ kind: 'accept', grants: ['P2'] });
        expect(performance.now() - started, mode).toBeLessThan(5000);
      }
    } finally {
      tacacs.mode = 'normal';
      await second.stop();
    }
  });

  it('a server that is down is no answer', async () => {
    const down = await startTacacsServer([]);
    await down.stop();
    const answer = await new TacacsBackend(settings({ primary: { host: '127.0.0.1', port: down.port, secret: 'k' } })).check('a', 'b');
    expect(answer).toMatchObject({ kind: 'unreachable' });
  });
});
