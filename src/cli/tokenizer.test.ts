import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfLine, tokenize } from './tokenizer.js';

describe('tokenize (SPEC §6)', () => {
  it('splits words on spaces and tabs with their columns', () => {
    expect(tokenize('  show\tport  3 ').map((t) => [t.text, t.start, t.end])).toEqual([['show', 2, 6], ['port', 7, 11], ['3', 13, 14]]);
  });

  it('an empty or blank line has no tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \t ')).toEqual([]);
  });

  it('KEY=value is one token with its parts', () => {
    expect(tokenize('BAUD=9600')[0]).toMatchObject({ key: 'BAUD', op: '=', value: '9600', rawValue: '9600' });
  });

  it('KEY= has an empty value', () => {
    expect(tokenize('NAME=')[0]).toMatchObject({ key: 'NAME', value: '' });
  });

  it.each([['ACCESS=+P3', '=+', 'P3'], ['ACCESS=-P3,SMON', '=-', 'P3,SMON']])('%s has operator %s', (text, op, value) => {
    expect(tokenize(text)[0]).toMatchObject({ key: 'ACCESS', op, value, rawValue: text.slice(7) });
  });

  it('a quoted value keeps its spaces and = signs', () => {
    const [name, baud] = tokenize('NAME="my router=1" BAUD=9600');
    expect(name).toMatchObject({ text: 'NAME="my router=1"', key: 'NAME', value: 'my router=1', start: 0, end: 18 });
    expect(baud).toMatchObject({ key: 'BAUD', start: 19 });
  });

  it('a quoted value starting with - is not an operator', () => {
    expect(tokenize('NAME="-x"')[0]).toMatchObject({ op: '=', value: '-x' });
  });

  it('a quoted plain word loses its quotes', () => {
    expect(tokenize('"a b" c').map((t) => t.word)).toEqual(['a b', 'c']);
  });

  it('an unterminated quote runs to the end and is flagged', () => {
    expect(tokenize('NAME="a b')).toEqual([expect.objectContaining({ value: 'a b', unterminated: true, end: 9 })]);
  });

  it('endOfLine points one past the typed text', () => {
    expect(endOfLine('PORT  ')).toEqual({ start: 5, end: 6 });
  });

  it('never throws, and tokens are ordered, non-overlapping slices of the line', () => {
    const text = fc.array(fc.constantFrom('a', 'B', ' ', '\t', '=', '+', '-', '"', '3', 'é'), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (line) => {
        let last = 0;
        for (const t of tokenize(line)) {
          if (t.start < last || t.end <= t.start || line.slice(t.start, t.end) !== t.text) return false;
          last = t.end;
        }
        return true;
      }),
      { numRuns: 10_000 },
    );
  });
});
