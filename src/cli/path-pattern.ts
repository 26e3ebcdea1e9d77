/**
 * Compiles a declaration's `path` strings (see CommandDeclaration.path) into elements the
 * registry matches typed words against. A malformed path is a programming error and throws at
 * start-up, never on user input.
 */

export type PathElement =
  | { readonly kind: 'keyword'; readonly keyword: string; readonly optional: boolean }
  | {
      readonly kind: 'capture';
      readonly name: string;
      /** Keyword choices for `<name:A|B>`, null for a free word. */
      readonly choices: readonly string[] | null;
      readonly optional: boolean;
      readonly variadic: boolean;
    };

const KEYWORD = /^[A-Z][A-Z0-9]*$/;
const CAPTURE = /^<([a-z][a-zA-Z0-9]*)(?::([A-Z0-9|]+))?>(\.\.\.)?$/;

function compileOne(raw: string): PathElement {
  const optional = raw.startsWith('[') && raw.endsWith(']');
  const inner = optional ? raw.slice(1, -1) : raw;
  if (KEYWORD.test(inner)) return { kind: 'keyword', keyword: inner, optional };
  const capture = CAPTURE.exec(inner);
  if (capture === null) throw new Error(`bad path element "${raw}"`);
  const choices = capture[2] === undefined ? null : capture[2].split('|');
  if (choices !== null && choices.some((c) => !KEYWORD.test(c))) throw new Error(`bad choices in "${raw}"`);
  const variadic = capture[3] !== undefined;
  if (variadic && (!optional || choices !== null)) throw new Error(`"${raw}": only [<name>...] may be variadic`);
  return { kind: 'capture', name: capture[1]!, choices, optional, variadic };
}

/** Compiles and checks a path: a keyword first, optional elements last, variadic at the very end. */
export function compilePath(path: readonly string[]): PathElement[] {
  const elements = path.map(compileOne);
  const where = `path ${path.join(' ')}`;
  if (elements[0]?.kind !== 'keyword' || elements[0].optional) throw new Error(`${where}: must start with a keyword`);
  let seenOptional = false;
  const names = new Set<string>();
  elements.forEach((element, index) => {
    if (element.optional) seenOptional = true;
    else if (seenOptional) throw new Error(`${where}: a required element follows an optional one`);
    if (element.kind === 'capture') {
      if (names.has(element.name)) throw new Error(`${where}: capture <${element.name}> twice`);
      names.add(element.name);
      if (element.variadic && index !== elements.length - 1) throw new Error(`${where}: variadic must be last`);
    }
  });
  return elements;
}

/** The keyword words of a path, required ones only: what `HELP <topic>` matches against. */
export function pathKeywords(elements: readonly PathElement[]): string[] {
  return elements.flatMap((e) => (e.kind === 'keyword' && !e.optional ? [e.keyword] : []));
}

/** A normalised form used to reject two declarations with the same shape. */
export function pathShape(elements: readonly PathElement[]): string {
  return elements.map((e) => (e.kind === 'keyword' ? e.keyword : e.choices ? e.choices.join('|') : '*')).join(' ');
}
