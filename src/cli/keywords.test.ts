import { describe, expect, it } from 'vitest';
import { abbreviates, matchKeyword } from './keywords.js';
import { integer, oneOf, text } from './param-checks.js';

describe('keyword abbreviation (SPEC §6)', () => {
  it.each([
    ['connect', 'CONNECT', 'exact'], ['Con', 'CONNECT', 'prefix'], ['co', 'CONNECT', null], ['conx', 'CONNECT', null],
    ['ALL', 'ALL', 'exact'], ['al', 'ALL', null],
  ])('%s vs %s → %s', (typed, keyword, how) => {
    expect(abbreviates(typed, keyword)).toBe(how);
  });

  it('an exact match beats a longer keyword with the same start', () => {
    expect(matchKeyword('session', ['SESSIONS', 'SESSION'])).toEqual({ kind: 'one', keyword: 'SESSION' });
  });

  it('a prefix of two keywords is ambiguous', () => {
    expect(matchKeyword('ses', ['SESSIONS', 'SESSION'])).toEqual({ kind: 'ambiguous', keywords: ['SESSIONS', 'SESSION'] });
  });
});

describe('parameter checks', () => {
  it('oneOf gives the canonical keyword', () => {
    expect(oneOf('NONE', 'EVEN', 'ODD')('eve', '=')).toEqual({ ok: true, value: 'EVEN' });
    expect(oneOf('NONE', 'EVEN', 'ODD')('x', '=')).toEqual({ ok: false, detail: 'expected NONE|EVEN|ODD' });
  });

  it('integer checks digits and range', () => {
    expect(integer(0, 99)('42', '=')).toEqual({ ok: true, value: 42 });
    for (const bad of ['100', '-1', '4.2', '', '1e2', ' 1']) expect(integer(0, 99)(bad, '=').ok).toBe(false);
  });

  it('text checks length and pattern', () => {
    expect(text(3, 5)('abcd', '=')).toEqual({ ok: true, value: 'abcd' });
    expect(text(3, 5)('ab', '=').ok).toBe(false);
    expect(text(1, 9, /^[a-z]+$/, 'lower-case letters')('aB', '=')).toEqual({ ok: false, detail: 'expected lower-case letters' });
  });
});
