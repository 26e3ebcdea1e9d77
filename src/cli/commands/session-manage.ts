/** What SESSION <id> END and SESSION <id> SET share: a running session, and who may act on it. */
import type { PortSession, PortState } from '../../domain/broker/types.js';
import { isAdministrator } from '../../domain/levels.js';
import { failure, type CommandArgs, type CommandFailure } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { sessionWord } from './session-view.js';
import { isFailure } from './session-words.js';

export interface RunningSession {
  readonly port: PortState;
  readonly session: PortSession;
}

/** The running session named by `<id>`; `ERR 08` when unknown, `Session has ended` when over. */
export function runningSession(ctx: CommandContext, args: CommandArgs<CommandContext>): RunningSession | CommandFailure {
  const found = sessionWord(ctx, args);
  if (isFailure(found)) return found;
  if (found.live === null) return failure(cliError('sessionHasEnded', found.id), args.words.get('id')!.token);
  return found.live;
}

/**
 * SPEC §5 and the seed: the session's initiator or an administrator (ADMIN, APPLIANCEADMIN).
 * Anyone else gets `ERR 04 - Insufficient privileges` under the command word.
 */
export function mayManage(ctx: CommandContext, args: CommandArgs<CommandContext>, initiator: string): CommandFailure | null {
  if (ctx.user === initiator || isAdministrator(ctx.level)) return null;
  return failure(cliError('insufficientPrivileges', 'only the initiator or an administrator'), args.tokens[0] ?? null);
}
