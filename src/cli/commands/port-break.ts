/**
 * SPEC §6 `PORT <n> BREAK` (BREAK right). Decided: the caller must also be able to reach the
 * port (SPEC §3), since a break can halt the device; it lasts BREAK_MS.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { callerReaches, wordOf } from './admin-words.js';
import { isFailure, portWord } from './session-words.js';

/** Decided: a 500 ms break, long enough for every common baud rate's break detection. */
export const BREAK_MS = 500;

export const portBreak: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'BREAK'],
  syntax: 'PORT <n> BREAK',
  help: `Sends a serial break (${BREAK_MS} ms) to a port you can reach.`,
  right: 'BREAK',
  async run(ctx, args) {
    const port = portWord(ctx, args, 'n');
    if (isFailure(port)) return port;
    const at = wordOf(args, 'n').token;
    if (!callerReaches(ctx, port)) return failure(cliError('insufficientPrivileges', `port ${port}`), at);
    const sent = await ctx.app.breakPort(port, ctx.user);
    if (!sent.ok) return failure(cliError('deviceFailure', sent.reason), at);
    ctx.app.audit(ctx, 'PORT BREAK', `port ${port}`);
  },
};
