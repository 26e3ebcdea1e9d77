/** Shared pieces of the administration commands: reading the captured words. */
import type { CommandArgs, Word } from '../command.js';
import type { CommandContext } from '../context.js';
import { endOfLine, type Span } from '../tokenizer.js';

/** A required capture; the registry guarantees it, this keeps the types honest. */
export function wordOf(args: CommandArgs<CommandContext>, name: string): Word {
  const word = args.words.get(name);
  if (word === undefined) throw new Error(`declaration has no <${name}>`);
  return word;
}

/** Where to point when a command has nothing better: its first word. */
export function firstWord(args: CommandArgs<CommandContext>): Span {
  return args.tokens[0] ?? endOfLine(args.line);
}

