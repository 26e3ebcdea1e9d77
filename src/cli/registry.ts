/**
 * The command registry (STYLE: commands are declarations; no `if (cmd === ...)` chains). From
 * the declarations it derives: matching of keywords in any case and by unique 3+ letter prefix
 * (SPEC §6), capture of the variable words, KEY=value checking, the rights check, and HELP.
 * Parsing never throws on any line; only malformed declarations throw, at construction.
 */
import type { Right } from '../domain/rights.js';
import type { CliContext, CommandArgs, CommandDeclaration, CommandFailure, ParamValue, Word } from './command.js';
import { failure } from './command.js';
import { cliError, formatCliError, type CliError } from './errors.js';
import { abbreviates, matchKeyword } from './keywords.js';
import { compilePath, pathKeywords, pathShape, type PathElement } from './path-pattern.js';
import { maskSecrets } from './mask-secrets.js';
import { endOfLine, tokenize, type Token } from './tokenizer.js';

// test/resilience/parser-fuzz.test.ts imports it from here.

export type ParseResult<Ctx extends CliContext> =
  | { readonly kind: 'empty' }
  | { readonly kind: 'command'; readonly command: CommandDeclaration<Ctx>; readonly args: CommandArgs<Ctx> }
  | { readonly kind: 'error'; readonly failure: CommandFailure };

export type ExecuteResult =
  | { readonly ok: true }
  /** `lines`: the SPEC §9 error output (line, underline, ERR line), for the caller to print. */
  | { readonly ok: false; readonly error: CliError; readonly lines: string[] };

export type HelpResult = { readonly ok: true; readonly lines: string[] } | { readonly ok: false; readonly failure: CommandFailure };

interface Entry<Ctx extends CliContext> {
  readonly declaration: CommandDeclaration<Ctx>;
  readonly elements: readonly PathElement[];
  readonly keywords: readonly string[];
}

/** One declaration still in the running while the words are matched, with what it captured. */
interface Candidate<Ctx extends CliContext> {
  readonly entry: Entry<Ctx>;
  readonly words: Map<string, Word>;
  readonly flags: Set<string>;
  readonly rest: Token[];
}

interface KeywordHit<Ctx extends CliContext> {
  readonly candidate: Candidate<Ctx>;
  readonly element: PathElement;
  readonly keyword: string;
  readonly exact: boolean;
}

function elementAt(elements: readonly PathElement[], index: number): PathElement | undefined {
  const last = elements[elements.length - 1];
  if (index >= elements.length && last?.kind === 'capture' && last.variadic) return last;
  return elements[index];
}

function describeElement(element: PathElement): string {
  if (element.kind === 'keyword') return element.keyword;
  return element.choices ? element.choices.join('|') : `<${element.name}>`;
}

export class CommandRegistry<Ctx extends CliContext> {
  private readonly entries: readonly Entry<Ctx>[];

  /** Throws on a malformed or duplicate declaration (a programming error, found at start-up). */
  constructor(declarations: readonly CommandDeclaration<Ctx>[]) {
    const shapes = new Set<string>();
    this.entries = declarations.map((declaration) => {
      const elements = compilePath(declaration.path);
      const shape = pathShape(elements);
      if (shapes.has(shape)) throw new Error(`two commands have the path ${declaration.path.join(' ')}`);
      shapes.add(shape);
      for (const key of Object.keys(declaration.params ?? {})) {
        if (!/^[A-Z][A-Z0-9]*$/.test(key)) throw new Error(`${declaration.syntax}: parameter key ${key} must be upper case`);
      }
      return { declaration, elements, keywords: pathKeywords(elements) };
    });
  }

  get commands(): readonly CommandDeclaration<Ctx>[] {
    return this.entries.map((e) => e.declaration);
  }

  /** Parses a line; `hasRight` decides the rights check (default: every right held). */
  parse(line: string, hasRight: (right: Right) => boolean = () => true): ParseResult<Ctx> {
    const tokens = tokenize(line);
    if (tokens.length === 0) return { kind: 'empty' };
    const open = tokens.find((t) => t.unterminated);
    if (open) return this.error(cliError('unterminatedQuote'), open);
    const positional = tokens.filter((t) => t.key === undefined);
    if (positional.length === 0) return this.error(cliError('unknownCommand'), tokens[0]!);
    let candidates: Candidate<Ctx>[] = this.entries.map((entry) => ({ entry, words: new Map(), flags: new Set(), rest: [] }));
    for (let i = 0; i < positional.length; i++) {
      const step = this.matchWord(candidates, i, positional[i]!);
      if (!Array.isArray(step)) return { kind: 'error', failure: step };
      candidates = step;
    }
    const complete = candidates.filter((c) => c.entry.elements.slice(positional.length).every((e) => e.optional));
    if (complete.length > 1) return this.ambiguity(complete, positional);
    const chosen = complete[0];
    if (chosen === undefined) {
      const next = candidates[0]?.entry.elements[positional.length];
      return this.error(cliError('missingParameter', next && `expected ${describeElement(next)}`), endOfLine(line));
    }
    const { declaration } = chosen.entry;
    if (declaration.right !== undefined && !hasRight(declaration.right)) {
      return this.error(cliError('insufficientPrivileges', `needs the ${declaration.right} right`), positional[0]!);
    }
    const params = this.checkParams(declaration, tokens.filter((t) => t.key !== undefined));
    if (!(params instanceof Map)) return { kind: 'error', failure: params };
    const args: CommandArgs<Ctx> = {
      line, tokens, words: chosen.words, flags: chosen.flags, rest: chosen.rest, params, registry: this,
    };
    return { kind: 'command', command: declaration, args };
  }

  /** Parses, checks rights with `ctx.hasRight`, and runs. A throwing `run` is a bug and propagates. */
  async execute(ctx: Ctx, line: string): Promise<ExecuteResult> {
    const parsed = this.parse(line, (right) => ctx.hasRight(right));
    if (parsed.kind === 'empty') return { ok: true };
    const refusal = parsed.kind === 'error' ? parsed.failure : await parsed.command.run(ctx, parsed.args);
    if (!refusal) return { ok: true };
    return { ok: false, error: refusal.error, lines: formatCliError(maskSecrets(line), refusal.at, refusal.error) };
  }

  /** `HELP`: every command's syntax. */
  helpIndex(): string[] {
    return ['Commands (keywords may be shortened to 3 letters; HELP <command> for details):',
      ...this.entries.map((e) => `  ${e.declaration.syntax}`)];
  }

  /** `HELP <words>`: the commands whose keywords start with those words, with their descriptions. */
  helpFor(topic: readonly Token[]): HelpResult {
    let matches = this.entries;
    for (const [j, token] of topic.entries()) {
      const next = matches.filter((e) => e.keywords[j] !== undefined && abbreviates(token.word, e.keywords[j]!) !== null);
      if (next.length === 0) return { ok: false, failure: failure(cliError('unknownCommand'), token) };
      matches = next;
    }
    return {
      ok: true,
      lines: matches.flatMap(({ declaration: d }) => [
        d.syntax,
        ...d.help.split('\n').map((l) => `  ${l}`),
        ...(d.right ? [`  Requires the ${d.right} right.`] : []),
      ]),
    };
  }

  private error(error: CliError, at: { start: number; end: number }): ParseResult<Ctx> {
    return { kind: 'error', failure: failure(error, at) };
  }

  /** Narrows the candidates by the i-th word: keywords beat captures, an exact keyword beats a prefix. */
  private matchWord(candidates: Candidate<Ctx>[], i: number, token: Token): Candidate<Ctx>[] | CommandFailure {
    const hits: KeywordHit<Ctx>[] = [];
    const captures: Candidate<Ctx>[] = [];
    const expected: PathElement[] = [];
    for (const candidate of candidates) {
      const element = elementAt(candidate.entry.elements, i);
      if (element === undefined) continue;
      expected.push(element);
      if (element.kind === 'capture' && element.choices === null) captures.push(candidate);
      else {
        const keywords = element.kind === 'keyword' ? [element.keyword] : element.choices!;
        const match = matchKeyword(token.word, keywords);
        if (match.kind === 'ambiguous') return failure(cliError('ambiguousKeyword', match.keywords.join(' or ')), token);
        if (match.kind === 'one') hits.push({ candidate, element, keyword: match.keyword, exact: abbreviates(token.word, match.keyword) === 'exact' });
      }
    }
    if (hits.length > 0) return this.takeKeyword(hits, token);
    if (captures.length > 0) {
      for (const c of captures) {
        const element = elementAt(c.entry.elements, i) as Extract<PathElement, { kind: 'capture' }>;
        if (element.variadic) c.rest.push(token);
        else c.words.set(element.name, { text: token.word, token });
      }
      return captures;
    }
    return this.noMatch(expected, i, token);
  }

  /**
   * Several prefixes may stay in the running (`SHO SES` is SESSIONS or SESSION <id>); the words
   * that follow usually settle it, and `ambiguity` reports it when they do not.
   */
  private takeKeyword(hits: KeywordHit<Ctx>[], token: Token): Candidate<Ctx>[] {
    const exact = hits.filter((h) => h.exact);
    const chosen = exact.length > 0 ? exact : hits;
    for (const { candidate, element, keyword } of chosen) {
      if (element.kind === 'capture') candidate.words.set(element.name, { text: keyword, token });
      else if (element.optional) candidate.flags.add(keyword);
    }
    return chosen.map((h) => h.candidate);
  }

  /** More than one command fits the whole line: underline the first word they read differently. */
  private ambiguity(complete: Candidate<Ctx>[], positional: readonly Token[]): ParseResult<Ctx> {
    for (const [i, token] of positional.entries()) {
      const keywords = new Set(complete.map((c) => {
        const element = elementAt(c.entry.elements, i);
        return element?.kind === 'keyword' ? element.keyword : c.words.get(element?.kind === 'capture' ? element.name : '')?.text;
      }));
      if (keywords.size > 1) return this.error(cliError('ambiguousKeyword', [...keywords].join(' or ')), token);
    }
    return this.error(cliError('ambiguousKeyword'), positional[0]!);
  }

  private noMatch(expected: PathElement[], i: number, token: Token): CommandFailure {
    if (i === 0) return failure(cliError('unknownCommand'), token);
    if (expected.length === 0) return failure(cliError('tooManyParameters'), token);
    const choices = expected.filter((e) => e.kind === 'keyword' || e.choices !== null).map(describeElement);
    if (expected.some((e) => e.kind === 'keyword' && !e.optional)) return failure(cliError('unknownCommand'), token);
    if (expected.some((e) => e.kind === 'capture')) return failure(cliError('invalidValue', `expected ${choices.join('|')}`), token);
    return failure(cliError('unknownParameter'), token);
  }

  private checkParams(declaration: CommandDeclaration<Ctx>, tokens: readonly Token[]): Map<string, ParamValue> | CommandFailure {
    if (declaration.anyParams === true) return new Map();
    const specs = declaration.params ?? {};
    const keys = Object.keys(specs);
    const params = new Map<string, ParamValue>();
    for (const token of tokens) {
      const match = matchKeyword(token.key!, keys);
      if (match.kind === 'none') return failure(cliError('unknownParameter'), token);
      if (match.kind === 'ambiguous') return failure(cliError('ambiguousKeyword', match.keywords.join(' or ')), token);
      if (params.has(match.keyword)) return failure(cliError('duplicateParameter'), token);
      const spec = specs[match.keyword]!;
      const op = spec.listOps ? token.op! : '=';
      const checked = spec.check(spec.listOps ? token.value! : token.rawValue!, op);
      if (!checked.ok) return failure(cliError('invalidValue', `${match.keyword} ${checked.detail}`), token);
      params.set(match.keyword, { value: checked.value, op, token });
    }
    return params;
  }
}
