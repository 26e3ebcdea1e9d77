/** Shared pieces of the SPC commands (issue 12): the outlet word and the outlet table. */
import type { OutletStatus } from '../../protocol/outlet-protocol.js';
import { MAX_OUTLET, type SpcRequestInput } from '../../services/spc.js';
import { failure, type CommandArgs, type CommandFailure, type CommandResult } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { refusalFailure } from '../refusal.js';
import { renderTable } from '../show-format.js';
import { isFailure, portWord } from './session-words.js';

/** The `<outlet>` word as a number 1..MAX_OUTLET; null when not typed; ERR 03 otherwise. */
export function outletWord(args: CommandArgs<CommandContext>): number | null | CommandFailure {
  const word = args.words.get('outlet');
  if (word === undefined) return null;
  if (!/^[0-9]{1,3}$/.test(word.text) || Number(word.text) < 1) {
    return failure(cliError('invalidValue', `outlet must be a number 1-${MAX_OUTLET}`), word.token);
  }
  return Number(word.text);
}

/** Runs one SPC request for the line's port and outlet; prints the outlets the strip reported. */
export async function runSpc(ctx: CommandContext, args: CommandArgs<CommandContext>, action: SpcRequestInput['action'],
): Promise<CommandResult> {
  const port = portWord(ctx, args, 'n');
  if (isFailure(port)) return port;
  const outlet = outletWord(args);
  if (isFailure(outlet)) return outlet;
  const done = await ctx.services.spc.request(ctx, { port, action, outlet, fromPort: ctx.session?.port ?? null });
  if (!done.ok) return refusalFailure(done, args, { port: 'n', outlet: 'outlet' });
  ctx.data({ port: done.port, outlets: done.outlets });
  printOutlets(ctx, done.outlets);
}

function printOutlets(ctx: CommandContext, outlets: readonly OutletStatus[]): void {
  for (const line of renderTable(['Outlet', 'State'], outlets.map((o) => [String(o.outlet), o.state]))) ctx.print(line);
}

