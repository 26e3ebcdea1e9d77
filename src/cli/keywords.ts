/**
 * Keyword abbreviation (SPEC §6): keywords are case-insensitive and may be shortened to any
 * prefix of at least 3 letters that is unique; an exact match always wins (`SESSION` over
 * `SESSIONS`). Keywords shorter than 3 letters must be typed whole.
 */
export const MIN_ABBREVIATION = 3;

export type KeywordMatch =
  | { readonly kind: 'one'; readonly keyword: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly keywords: readonly string[] };

/** Is `typed` (any case) the keyword or an allowed abbreviation of it? Exact only reports 'exact'. */
export function abbreviates(typed: string, keyword: string): 'exact' | 'prefix' | null {
  const upper = typed.toUpperCase();
  if (upper === keyword) return 'exact';
  return upper.length >= MIN_ABBREVIATION && keyword.startsWith(upper) ? 'prefix' : null;
}

/** Which of `keywords` the typed word names. */
export function matchKeyword(typed: string, keywords: readonly string[]): KeywordMatch {
  const prefixes: string[] = [];
  for (const keyword of keywords) {
    const how = abbreviates(typed, keyword);
    if (how === 'exact') return { kind: 'one', keyword };
    if (how === 'prefix' && !prefixes.includes(keyword)) prefixes.push(keyword);
  }
  if (prefixes.length === 1) return { kind: 'one', keyword: prefixes[0]! };
  return prefixes.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', keywords: prefixes };
}
