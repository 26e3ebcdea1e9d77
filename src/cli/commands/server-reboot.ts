/**
 * `SERVER REBOOT` (issue 12 item 11; SCON): asks `Reboot the appliance? (Y/N)`; on Y every
 * connected user is told `Appliance rebooting by <user>` and the daemon restarts as a fresh
 * process, keeping its database and its listeners (runtime/reboot.ts: under systemd it exits
 * for systemd to start it again; otherwise it re-executes itself). The question needs a
 * terminal: `ccmd exec` gets ERR 15 (use `ccmd console`, SSH or Telnet).
 */
import { cliError } from '../../domain/errors.js';
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';

export const REBOOT_QUESTION = 'Reboot the appliance? (Y/N)';

export const serverReboot: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'REBOOT'],
  syntax: 'SERVER REBOOT',
  help: [
    'Restarts the daemon after asking Y/N. Everyone logged in is told and logged out; the',
    'users, settings, port settings and session history stay, and so do the listeners (the',
    'same ports). Under systemd the daemon exits and systemd starts it again; otherwise it',
    'starts a new process that takes over its listening sockets. Needs a terminal (not ccmd exec).',
  ].join('\n'),
  right: 'SCON',
  async run(ctx, args) {
    const session = ctx.session;
    if (session === null) {
      return failure(cliError('notInteractive', 'SERVER REBOOT asks Y/N: run it at a login (ccmd console, SSH, Telnet)'), args.tokens[1] ?? null);
    }
    const available = ctx.services.appliance.rebootAvailable(ctx);
    if (!available.ok) return refusalFailure(available, args);
    if (!(await session.ask(REBOOT_QUESTION))) {
      ctx.print('Reboot cancelled');
      return;
    }
    const started = ctx.services.appliance.reboot(ctx);
    return started.ok ? undefined : refusalFailure(started, args);
  },
};
