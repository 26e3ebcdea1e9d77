/** Shared pieces of the session commands: resolving the port word, requiring a terminal. */
import { failure, type CommandArgs, type CommandFailure } from '../command.js';
import type { CommandContext, SessionControl } from '../context.js';
import { cliError } from '../errors.js';

export function portWord(ctx: CommandContext, args: CommandArgs<CommandContext>, name = 'port'): number | CommandFailure {
  const word = args.words.get(name);
  if (word === undefined) return failure(cliError('missingParameter', 'port'), null);
  const port = ctx.app.resolvePort(word.text);
  if (port === null) {
    const numeric = /^[0-9]+$/.test(word.text);
    return failure(cliError(numeric ? 'portOutOfRange' : 'noSuchPort', numeric ? `1-${ctx.app.profile.ports}` : word.text), word.token);
  }
  return port;
}

export function interactive(ctx: CommandContext, args: CommandArgs<CommandContext>): SessionControl | CommandFailure {
  if (ctx.session === null) return failure(cliError('notInteractive', 'use ccmd console or a login'), args.tokens[0] ?? null);
  return ctx.session;
}

export function isFailure<T>(value: T | CommandFailure): value is CommandFailure {
  return typeof value === 'object' && value !== null && 'error' in value && 'at' in value;
}
