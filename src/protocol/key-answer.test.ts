import { describe, expect, it } from 'vitest';
import { KeyAnswerReader } from './key-answer.js';

const buf = (s: string): Buffer => Buffer.from(s, 'latin1');
const choice = (): KeyAnswerReader<'E' | 'N' | 'S' | 'D'> => new KeyAnswerReader(['E', 'N', 'S', 'D']);

describe('KeyAnswerReader (SPEC §9)', () => {
  it.each(['e', 'E'])('%s answers E, case-insensitively', (key) => {
    expect(choice().feed(buf(key))).toEqual({ answer: 'E', repeat: false, rest: Buffer.alloc(0) });
  });

  it.each([['CR', '\r'], ['LF', '\n'], ['CR LF', '\r\n'], ['CR NUL', '\r\0']])('swallows %s right after the key', (_n, eol) => {
    expect(choice().feed(buf(`n${eol}ls\r`)).rest.toString()).toBe('ls\r');
  });

  it('swallows only one Enter', () => {
    expect(choice().feed(buf('d\r\r')).rest.toString()).toBe('\r');
  });

  it('keeps other bytes after the key for the device', () => {
    expect(choice().feed(buf('Sabc')).rest.toString()).toBe('abc');
  });

  it('any other key repeats the question, and the bytes after it are kept', () => {
    expect(choice().feed(buf('xe'))).toMatchObject({ answer: null, repeat: true });
    expect(choice().feed(buf('xe')).rest.toString()).toBe('e');
    expect(new KeyAnswerReader(['Y', 'N']).feed(buf('e')).repeat).toBe(true);
    expect(choice().feed(buf('\r')).repeat).toBe(true);
  });

  it('ignores a leading LF or NUL (the end of the previous Enter)', () => {
    expect(new KeyAnswerReader(['Y', 'N']).feed(buf('\n\0y')).answer).toBe('Y');
    expect(choice().feed(buf('\n'))).toEqual({ answer: null, repeat: false, rest: Buffer.alloc(0) });
  });

  it('swallows the Enter arriving in the next chunk', () => {
    const reader = choice();
    reader.feed(buf('e'));
    expect(reader.swallowing).toBe(true);
    expect(reader.afterAnswer(buf('\r\nx')).toString()).toBe('x');
    expect(reader.swallowing).toBe(false);
  });

  it('swallows a CR then an LF arriving one chunk each', () => {
    const reader = choice();
    expect(reader.feed(buf('e\r')).rest.length).toBe(0);
    expect(reader.swallowing).toBe(true);
    expect(reader.afterAnswer(buf('\n')).length).toBe(0);
    expect(reader.afterAnswer(buf('\n')).toString()).toBe('\n');
  });

  it('does not swallow anything else in the next chunk', () => {
    const reader = choice();
    reader.feed(buf('e'));
    expect(reader.afterAnswer(buf('q\r')).toString()).toBe('q\r');
    expect(reader.swallowing).toBe(false);
  });
});
