/**
 * What a CLI command is (STYLE: commands are declarations). Each file in `cli/commands/` exports
 * one `CommandDeclaration`; the registry derives parsing, 3-letter abbreviation, the rights
 * check and HELP from it, so a command's `run` only ever sees a well-formed, permitted line.
 */
import type { Right } from '../domain/rights.js';
import type { CliError } from './errors.js';
import type { CommandRegistry } from './registry.js';
import type { ParamOp, Span, Token } from './tokenizer.js';

/** What the registry needs from the runtime's per-login context. */
export interface CliContext {
  /** Does the logged-in user hold this flag right (SPEC §3)? */
  hasRight(right: Right): boolean;
  /** Writes one line of output (no terminator) to the user. */
  print(line: string): void;
}

export type ParamCheckResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly detail: string };

/** Checks one KEY=value value and returns it normalised (a number, a canonical keyword, ...). */
export type ParamCheck = (value: string, op: ParamOp) => ParamCheckResult;

export interface ParamSpec {
  readonly check: ParamCheck;
  /**
   * The parameter takes list edits `=+` / `=-` (SPEC §3 ACCESS, GROUP). Without it the value is
   * taken whole with op `=`, so `TIMEOUT=-5` reaches `check` as `-5`.
   */
  readonly listOps?: boolean;
}

export interface CommandDeclaration<Ctx extends CliContext = CliContext> {
  /**
   * The words of the command, one element per typed word:
   * - `PORT`                a keyword (upper case); any unique prefix of 3+ letters is accepted
   * - `<n>`                 a captured word, in `args.words.get('n')`
   * - `<mode:DISABLE|AUTO>` a captured keyword choice, canonical upper case in `args.words`
   * - `[EXCLUSIVE]`         an optional keyword, in `args.flags` when typed
   * - `[<which>]`, `[<mode:A|B>]`  optional captures
   * - `[<topic>...]`        optional rest of the words, in `args.rest` (last element only)
   * Optional elements come last and are filled in order.
   */
  readonly path: readonly string[];
  /** Shown by HELP, e.g. `PORT <n|n-m|ALL> SET [NAME=] [BAUD=] ...`. */
  readonly syntax: string;
  /** One or more lines of description for `HELP <command>`. */
  readonly help: string;
  /** Flag right needed to run it; checked before the parameters are looked at. */
  readonly right?: Right;
  /** Allowed KEY=value parameters by upper-case key (keys may be abbreviated to 3+ letters). */
  readonly params?: Readonly<Record<string, ParamSpec>>;
  /**
   * Takes any KEY=value and leaves it unchecked (not in `args.params`): for a command refused as
   * a whole whatever it is given, e.g. one for hardware this daemon lacks (issue 12), whose
   * refusal should say why rather than complain about a parameter.
   */
  readonly anyParams?: boolean;
  run(ctx: Ctx, args: CommandArgs<Ctx>): CommandResult | Promise<CommandResult>;
}

export interface Word {
  /** The word as typed, quotes removed; for a keyword choice, the canonical keyword. */
  readonly text: string;
  readonly token: Token;
}

export interface ParamValue {
  /** What the spec's `check` returned. */
  readonly value: unknown;
  readonly op: ParamOp;
  readonly token: Token;
}

export interface CommandArgs<Ctx extends CliContext = CliContext> {
  /** The line as typed (for error output). */
  readonly line: string;
  readonly tokens: readonly Token[];
  /** Captures by name (`<n>` → `n`). */
  readonly words: ReadonlyMap<string, Word>;
  /** Optional keywords typed, canonical upper case (`EXCLUSIVE`). */
  readonly flags: ReadonlySet<string>;
  /** Words taken by a `[<name>...]` element. */
  readonly rest: readonly Token[];
  /** Parameters by canonical upper-case key. */
  readonly params: ReadonlyMap<string, ParamValue>;
  /** The registry that parsed the line (HELP reads it). */
  readonly registry: CommandRegistry<Ctx>;
}

/** A command's refusal: the error and what to underline (a token, `endOfLine(line)`, or null). */
export interface CommandFailure {
  readonly error: CliError;
  readonly at: Span | null;
}

/** `run` returns nothing on success (output went through `ctx.print`) or a failure to show. */
export type CommandResult = void | CommandFailure;

export function failure(error: CliError, at: Span | null): CommandFailure {
  return { error, at };
}
