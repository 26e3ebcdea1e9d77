/** Shared pieces of the session commands: resolving the port word, requiring a terminal. */
import { failure, type CommandArgs, type CommandFailure, type CommandResult } from '../command.js';
import type { CommandContext, SessionControl } from '../context.js';
import { cliError } from '../errors.js';

/**
 * The port the `<name>` capture names, by number or by port name; ERR 06 for a number outside
 * 1..ports, ERR 12 for a name no port has, underlining the word.
 */
export function portWord(ctx: CommandContext, args: CommandArgs<CommandContext>, name = 'port'): number | CommandFailure {
  const word = args.words.get(name);
  if (word === undefined) return failure(cliError('missingParameter', 'port'), null);
  const found = ctx.services.ports.find(word.text);
  return found.ok ? found.port : failure(found.error, word.token);
}

/** The login's own session controls; a one-shot `ccmd exec` line has none (ERR 15). */
export function interactive(ctx: CommandContext, args: CommandArgs<CommandContext>): SessionControl | CommandFailure {
  if (ctx.session === null) return failure(cliError('notInteractive', 'use ccmd console or a login'), args.tokens[0] ?? null);
  return ctx.session;
}

/** Tells a refusal from a found value (ports, sessions, plans are never shaped like one). */
export function isFailure<T>(value: T | CommandFailure): value is CommandFailure {
  return typeof value === 'object' && value !== null && 'error' in value && 'at' in value;
}

/** CONNECT and LISTEN: a terminal and a port, then the broker decides (SPEC §4) and notices tell. */
export function requestPort(
  ctx: CommandContext, args: CommandArgs<CommandContext>, exclusive: boolean, mode: 'rw' | 'listen',
): CommandResult {
  const session = interactive(ctx, args);
  if (isFailure(session)) return session;
  const port = portWord(ctx, args);
  if (isFailure(port)) return port;
  session.connect(port, exclusive, mode);
}

/** RESUME and DISCONNECT act on the port this login holds; `act` is false when it holds none. */
export function onHeldPort(
  ctx: CommandContext, args: CommandArgs<CommandContext>, act: (session: SessionControl) => boolean,
): CommandResult {
  const session = interactive(ctx, args);
  if (isFailure(session)) return session;
  if (!act(session)) return failure(cliError('notConnected'), args.tokens[0] ?? null);
}
