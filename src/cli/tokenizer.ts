/**
 * Splits a CLI command line into tokens (SPEC §6): words separated by spaces or tabs;
 * `KEY=value` is one token with its parts; `=+` / `=-` add to or remove from a list
 * (`ACCESS=+P3`); double quotes keep spaces in a value (`NAME="my router"`). No escapes inside
 * quotes; an unterminated quote runs to the end of the line and is flagged. Never throws.
 */

export type ParamOp = '=' | '=+' | '=-';

export interface Token {
  /** The token exactly as typed, quotes included. */
  readonly text: string;
  /** Column (0-based) of its first character in the line, and one past its last. */
  readonly start: number;
  readonly end: number;
  /** Quotes removed: the word itself, or for KEY=value the whole token unquoted. */
  readonly word: string;
  /** Present for KEY=value tokens: the part before the first `=` outside quotes, unquoted. */
  readonly key?: string;
  /** With `key`: `=+` / `=-` when the value starts with + or - (outside quotes), else `=`. */
  readonly op?: ParamOp;
  /** With `key`: the value after the operator, unquoted. */
  readonly value?: string;
  /** With `key`: everything after `=`, unquoted, operator characters included (`-5` for `T=-5`). */
  readonly rawValue?: string;
  /** An opening `"` had no closing one. */
  readonly unterminated?: boolean;
}

/** A span of a line to underline: a token, or a position past the end (for missing things). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t';
}

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    let inQuote = false;
    let equals = -1;
    let unterminated = false;
    while (i < line.length && (inQuote || !isSpace(line[i]!))) {
      const char = line[i]!;
      if (char === '"') inQuote = !inQuote;
      else if (char === '=' && !inQuote && equals < 0) equals = i;
      i++;
    }
    if (inQuote) unterminated = true;
    tokens.push(makeToken(line.slice(start, i), start, equals < 0 ? -1 : equals - start, unterminated));
  }
  return tokens;
}

function unquote(text: string): string {
  return text.includes('"') ? text.replaceAll('"', '') : text;
}

function makeToken(text: string, start: number, equals: number, unterminated: boolean): Token {
  const base = { text, start, end: start + text.length, word: unquote(text), ...(unterminated ? { unterminated } : {}) };
  if (equals < 0) return base;
  const after = text.slice(equals + 1);
  const sign = after[0];
  const op: ParamOp = sign === '+' ? '=+' : sign === '-' ? '=-' : '=';
  return {
    ...base,
    key: unquote(text.slice(0, equals)),
    op,
    value: unquote(op === '=' ? after : after.slice(1)),
    rawValue: unquote(after),
  };
}

/** Where a missing word would go: one column past the end of the typed text. */
export function endOfLine(line: string): Span {
  const at = line.trimEnd().length + 1;
  return { start: at, end: at + 1 };
}
