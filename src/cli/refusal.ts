/**
 * A service's refusal as CLI output (SPEC §9): the catalogue error, with the token that set the
 * blamed field underlined. A command says which parameter key or captured word sets each field;
 * with nothing to point at, a missing parameter is marked past the end of the line and anything
 * else under the command's first word (where the registry's own rights check points).
 */
import { CLI_ERRORS } from '../domain/errors.js';
import type { Refusal } from '../services/types.js';
import { failure, type CliContext, type CommandArgs, type CommandFailure } from './command.js';
import { endOfLine } from './tokenizer.js';

/** Field → the parameter key (`PASSWORD`) or capture name (`name`) that typed it. */
export type FieldTokens = Readonly<Record<string, string>>;

export function refusalFailure<Ctx extends CliContext>(refusal: Refusal, args: CommandArgs<Ctx>, fields: FieldTokens = {}): CommandFailure {
  const source = refusal.field === undefined ? undefined : fields[refusal.field] ?? refusal.field;
  const token = source === undefined ? undefined : args.params.get(source)?.token ?? args.words.get(source)?.token;
  if (token !== undefined) return failure(refusal.error, token);
  if (refusal.error.code === CLI_ERRORS.missingParameter.code) return failure(refusal.error, endOfLine(args.line));
  return failure(refusal.error, args.tokens[0] ?? endOfLine(args.line));
}
