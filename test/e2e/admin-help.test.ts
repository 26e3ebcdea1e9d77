/**
 * Issue 5, SPEC §8 "`--help` everywhere": every host command answers `--help` with status 0 and
 * mentions its usage and its own options. No daemon is needed.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/daemon.js';

/** Every command with what its help must mention (its usage line and its own options). */
const HELP: readonly (readonly [string, readonly string[]])[] = [
  ['', ['ccmd serve', 'ccmd exec <line>', 'ccmd console', 'ccmd port <command>', 'ccmd user <command>', 'ccmd sessions', 'ccmd session <command>', 'ccmd token <command>', '--data', '--json']],
  ['serve', ['--profile', '--config', '--bind', '--telnet-port', '--ssh-port', '--port-telnet-base', '--port-ssh-base', '--web-port']],
  ['exec', ['ccmd exec <line>', '--data']],
  ['console', ['ccmd console', '--data']],
  ['port', ['set <ports>', 'show [ports]', 'break <port>', 'logout <port>']],
  ['port set', ['ccmd port set <ports>', '--name', '--baud', '--size', '--parity', '--stop', '--flow', '--timeout', '--char', '--share', '--group']],
  ['port show', ['ccmd port show [ports]']],
  ['port break', ['ccmd port break <port>']],
  ['port logout', ['ccmd port logout <port>']],
  ['user', ['add <name>', 'set <name>', 'delete <name>', 'logout <name>', 'unlock <name>', 'list']],
  ['user add', ['ccmd user add <name>', '--access', '--group', '--key', '--password', '--password-stdin']],
  ['user set', ['ccmd user set <name>', '--access', '--group', '--key', '--password', '--password-stdin']],
  ['user delete', ['ccmd user delete <name>']],
  ['user logout', ['ccmd user logout <name>']],
  ['user unlock', ['ccmd user unlock <name>']],
  ['user list', ['ccmd user list', '--json']],
  ['sessions', ['ccmd sessions', '--busy', '--json']],
  ['session', ['show <id>', 'history <id>', 'end <id>', 'access <id> <access>']],
  ['session show', ['ccmd session show <id>']],
  ['session history', ['ccmd session history <id>']],
  ['session end', ['ccmd session end <id>']],
  ['session access', ['ccmd session access <id> <access>']],
  ['token', ['create <user>', 'list', 'revoke <id>']],
  ['token create', ['ccmd token create <user>', '--hours', '--label']],
  ['token list', ['ccmd token list', '--user', '--json']],
  ['token revoke', ['ccmd token revoke <id>']],
];

// Each is a fresh node process (~0.5 s of CPU): run a few at once.
describe.concurrent('--help works for every command (SPEC §8)', () => {
  it.each(HELP)('ccmd %s --help', async (command, mentions) => {
    const result = await runCli([...command.split(' ').filter((w) => w !== ''), '--help']);
    expect(result.code).toBe(0);
    for (const text of mentions) expect(result.stdout, `${command} --help mentions ${text}`).toContain(text);
  });
});
