/**
 * SPEC §3 rights table for the administration commands: every command refused to a user who
 * lacks its right, with the exact SPEC §9 error lines, and nothing changed. Real registry, real
 * store (test/support/fake-app.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RIGHTS, type Right } from '../../domain/rights.js';
import { contextFor, fakeApp, registryOf, run, type FakeApp } from '../../../test/support/fake-app.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { ADMIN_COMMANDS } from './index.js';
import { help } from './help.js';

const registry = registryOf([...ADMIN_COMMANDS, help as unknown as CommandDeclaration<CommandContext>]);

let app: FakeApp;

/** A user holding PALL and every flag right but `missing`. */
function without(missing: Right): string {
  return `no${missing}`;
}

// One store for the file: the refusals change nothing (asserted), and hashing is slow.
beforeAll(async () => {
  app = await fakeApp();
  for (const right of RIGHTS) {
    await app.addUser(without(right), ['PALL', ...RIGHTS.filter((r) => r !== right)].join(','));
  }
  await app.addUser('victim', 'PALL,SMON');
});
afterAll(() => app.close());

/** [right missing, line, underline] — the ERR line is `needs the <right> right`. */
const TABLE: [Right, string, string][] = [
  ['PCON', 'PORT 3 SET BAUD=19200', '----'],
  ['PCON', 'port all set share=auto', '----'],
  ['PCON', 'POR 3 LOGOUT', '---'],
  ['BREAK', 'PORT 3 BREAK', '----'],
  ['SCON', 'SERVER SHARE AUTO', '------'],
  ['SCON', 'SERVER SHARE TIMEOUT=10', '------'],
  ['SCON', 'SER CLI CHAR=^B', '---'],
  ['SCON', 'server security lockout=0', '------'],
  ['SCON', 'SERVER SSH DISABLE', '------'],
  ['SCON', 'SERVER SSH AUTH=KEY', '------'],
  ['SCON', 'SERVER SECURITY AUTH=LOCAL', '------'],
  ['SCON', 'SERVER RADIUS TIMEOUT=5', '------'],
  ['SCON', 'SERVER LDAP BASE=dc=example,dc=org', '------'],
  ['SCON', 'SERVER LDAP GROUP DN=cn=ops ACCESS=P1', '------'],
  ['SCON', 'SERVER TACACS LOGIN=PAP', '------'],
  ['SCON', 'SERVER SET TIME=12:00:00', '------'],
  ['SCON', 'SERVER REBOOT', '------'],
  ['SCON', 'SERVER FLASH HOST=10.0.0.1', '------'],
  ['SCON', 'SERVER NFS', '------'],
  ['USER', 'USER ADD bob PASSWORD=secret', '----'],
  ['USER', 'USER SET victim ACCESS=PALL', '----'],
  ['USER', 'USER DELETE victim', '----'],
  ['USER', 'USE LOGOUT victim', '---'],
  ['USER', 'USER UNLOCK victim', '----'],
  ['USER', 'SHOW USER ALL', '          ---'],
  ['USER', 'SHOW USER victim', '          ------'],
];

describe('rights table (SPEC §3): refused without the right, exact ERR lines', () => {
  it.each(TABLE)('without %s: %s', async (right, line, underline) => {
    const ctx = contextFor(app, without(right));
    const usersBefore = JSON.stringify(app.store.users.list());
    const serverBefore = JSON.stringify([app.store.server.get(), app.store.auth.get()]);
    const portsBefore = JSON.stringify(app.store.ports.list());
    const [dispatched, audits] = [app.dispatched.length, app.audits.length];
    // The echoed line never shows a password (mask-secrets.test.ts).
    const echoed = line.replace(/\b(PASSWORD=)(\S*)/g, (_m, key: string, value: string) => key + '*'.repeat(value.length));
    expect(await run(registry, ctx, line)).toEqual([echoed, underline, `ERR 04 - Insufficient privileges: needs the ${right} right`]);
    expect(JSON.stringify(app.store.users.list())).toBe(usersBefore);
    expect(JSON.stringify([app.store.server.get(), app.store.auth.get()])).toBe(serverBefore);
    expect(JSON.stringify(app.store.ports.list())).toBe(portsBefore);
    expect(app.dispatched.length).toBe(dispatched);
    expect(app.audits.length).toBe(audits);
    expect(ctx.json).toEqual([]);
  });

  it('every command with a right is in the table', () => {
    const covered = new Set(TABLE.map(([, line]) => registry.parse(line).kind === 'command'
      ? (registry.parse(line) as { command: CommandDeclaration<CommandContext> }).command.syntax : line));
    for (const command of ADMIN_COMMANDS.filter((c) => c.right !== undefined)) expect(covered).toContain(command.syntax);
  });

  it('a user lacking only another right is let through (the table is not refusing everyone)', async () => {
    const ctx = contextFor(app, without('USER'));
    expect(await run(registry, ctx, 'PORT 3 SET BAUD=19200')).toEqual([]);
    expect(await run(registry, contextFor(app, without('PCON')), 'SERVER SHARE AUTO')).toEqual([]);
    expect(await run(registry, contextFor(app, without('SCON')), 'USER UNLOCK victim')).toEqual([]);
  });

  it('port access rules: HISTORY and BREAK need the port too (SPEC §3)', async () => {
    await app.addUser('p1only', 'P1,BREAK');
    const ctx = contextFor(app, 'p1only');
    expect(await run(registry, ctx, 'PORT 3 HISTORY')).toEqual(['PORT 3 HISTORY', '     -', 'ERR 04 - Insufficient privileges: port 3']);
    expect(await run(registry, ctx, 'PORT 3 BREAK')).toEqual(['PORT 3 BREAK', '     -', 'ERR 04 - Insufficient privileges: port 3']);
    expect(await run(registry, ctx, 'PORT 1 BREAK')).toEqual([]);
    expect(app.ports[0]?.breaks).toEqual([500]);
  });

  it('HELP names the right each command needs', async () => {
    const lines = await run(registry, contextFor(app, 'victim'), 'HELP USER LOGOUT');
    expect(lines).toEqual([
      'USER LOGOUT <name>',
      '  Logs a user out of every login and port connection. An ADMIN cannot log out an APPLIANCEADMIN.',
      '  Requires the USER right.',
    ]);
    const index = await run(registry, contextFor(app, 'victim'), 'HELP');
    for (const command of ADMIN_COMMANDS) expect(index).toContain(`  ${command.syntax}`);
  });
});
