/**
 * Reusable value checks for KEY=value parameters (ParamSpec.check). Each returns the value
 * normalised, or a detail for `ERR 03 - Invalid value: <detail>`.
 */
import type { ParamCheck } from './command.js';
import { matchKeyword } from './keywords.js';

/** One of the keywords (case-insensitive, 3+ letter prefix); the value is the canonical keyword. */
export function oneOf(...keywords: readonly string[]): ParamCheck {
  return (value) => {
    const match = matchKeyword(value, keywords);
    if (match.kind === 'one') return { ok: true, value: match.keyword };
    return { ok: false, detail: `expected ${keywords.join('|')}` };
  };
}

/** A whole number in [min, max]; the value is a number. */
export function integer(min: number, max: number): ParamCheck {
  return (value) => {
    if (!/^[0-9]{1,10}$/.test(value)) return { ok: false, detail: `expected a number ${min}-${max}` };
    const n = Number(value);
    return n >= min && n <= max ? { ok: true, value: n } : { ok: false, detail: `expected a number ${min}-${max}` };
  };
}

/** Text of a bounded length, optionally matching a pattern; the value is the string. */
export function text(min: number, max: number, pattern?: RegExp, describe = 'characters'): ParamCheck {
  return (value) => {
    if (value.length < min || value.length > max) return { ok: false, detail: `expected ${min}-${max} ${describe}` };
    if (pattern !== undefined && !pattern.test(value)) return { ok: false, detail: `expected ${describe}` };
    return { ok: true, value };
  };
}
