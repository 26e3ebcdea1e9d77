/**
 * Manual commands that need hardware this daemon does not have (issue 12 item 11). They are
 * known commands, so they answer ERR 46 saying what is missing and what to use instead, never
 * `Unknown command`; whatever words and parameters follow are taken and ignored, so the reason
 * is what the user sees. The manual's right (SCON) is still checked first, as for any command.
 */
import { cliError } from '../../domain/errors.js';
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';

export interface MissingHardware {
  /** The command's keywords, e.g. ['SERVER', 'FLASH']. */
  readonly words: readonly string[];
  readonly syntax: string;
  /** What the appliance does with it (HELP). */
  readonly does: string;
  /** Why not here, and what to use instead (the ERR 46 detail). */
  readonly why: string;
}

export function noHardwareCommand(spec: MissingHardware): CommandDeclaration<CommandContext> {
  return {
    path: [...spec.words, '[<words>...]'],
    syntax: spec.syntax,
    help: `${spec.does}\nNot available here: ${spec.why}.`,
    right: 'SCON',
    anyParams: true,
    run(_ctx, args) {
      return failure(cliError('noHardware', spec.why), args.tokens[spec.words.length - 1] ?? null);
    },
  };
}
