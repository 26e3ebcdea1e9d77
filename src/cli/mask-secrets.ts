/**
 * Keeps passwords out of echoed command lines: SPEC §9 error output starts with the line as
 * typed, and a refused `USER SET me PASSWORD=...` must not show the password on screen. Issue
 * 15 adds the authentication servers' secrets: PSECRET=, SSECRET= and BINDPW=.
 */
import { tokenize } from './tokenizer.js';

/** Keys whose values are secrets; any abbreviation of 3+ letters is masked too. */
export const SECRET_KEYS: readonly string[] = ['PASSWORD', 'PSECRET', 'SSECRET', 'BINDPW'];

function isSecretKey(key: string): boolean {
  return key.length >= 3 && SECRET_KEYS.some((k) => k.startsWith(key.toUpperCase()));
}

/**
 * The line with every secret value (keyword abbreviated or not) turned into `*`s of the same length,
 * so the dashes under the offending token still line up.
 */
export function maskSecrets(line: string): string {
  let masked = line;
  for (const token of tokenize(line)) {
    let valueStart: number;
    if (token.key !== undefined && isSecretKey(token.key)) {
      valueStart = token.text.indexOf('=') + 1;
    } else {
      // Quotes can hide a PASSWORD= inside another token (`NAME=" PASSWORD=x` runs to the end of
      // the line; `" "PASSWORD"=x` is one plain word): mask from it to the end of the token.
      const at = passwordValueInside(token.text);
      if (at === null) continue;
      valueStart = at;
    }
    const from = token.start + valueStart;
    masked = masked.slice(0, from) + '*'.repeat(token.end - from) + masked.slice(token.end);
  }
  return masked;
}

/** `PAS=` ... `PASSWORD=`, `PSE=` ... `PSECRET=` ... (any case) at the start of a word, once quotes are taken out. */
const PASSWORD_INSIDE = new RegExp(`(?:^|\\s)(?:${SECRET_KEYS.map(prefixPattern).join('|')})=`, 'i');

/** `PASSWORD` → `pas(?:s(?:w(?:o(?:r(?:d)?)?)?)?)?`: the key or any abbreviation of 3+ letters. */
function prefixPattern(key: string): string {
  const rest = key.slice(3).toLowerCase();
  return key.slice(0, 3).toLowerCase() + [...rest].reduceRight((inner, c) => `(?:${c}${inner})?`, '');
}

/** Where a PASSWORD= value starts in `text` (quotes ignored when looking), or null. */
function passwordValueInside(text: string): number | null {
  const kept: number[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') continue;
    kept.push(i);
    plain += text[i];
  }
  const found = PASSWORD_INSIDE.exec(plain);
  if (found === null) return null;
  // Just after the `=`, in the original text.
  return (kept[found.index + found[0].length - 1] as number) + 1;
}
