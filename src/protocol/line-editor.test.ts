import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineEditor, type LineEnd } from './line-editor.js';

/** Feeds every chunk to the end, acting on nothing; returns all echo and every line end. */
function typeInto(editor: LineEditor, ...chunks: (string | Buffer)[]): { echo: string; ends: LineEnd[] } {
  let echo = '';
  const ends: LineEnd[] = [];
  for (const chunk of chunks) {
    let rest = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    do {
      const result = editor.feed(rest);
      echo += result.echo;
      if (result.end) ends.push(result.end);
      rest = result.rest;
    } while (rest.length > 0);
  }
  return { echo, ends };
}
const line = (text: string): LineEnd => ({ kind: 'line', text });
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('LineEditor', () => {
  it('echoes printable characters and ends the line on CR with CR LF', () => {
    expect(typeInto(new LineEditor(), 'show port\r')).toEqual({ echo: 'show port\r\n', ends: [line('show port')] });
  });

  it.each([['CR', '\r'], ['LF', '\n'], ['CR LF', '\r\n'], ['CR NUL', '\r\0']])('%s ends exactly one line', (_n, eol) => {
    expect(typeInto(new LineEditor(), `a${eol}b${eol}`).ends).toEqual([line('a'), line('b')]);
  });

  it('CR LF split across chunks is still one line', () => {
    expect(typeInto(new LineEditor(), 'a\r', '\nb\r', '\0c\r').ends).toEqual([line('a'), line('b'), line('c')]);
  });

  it('afterEnter: an LF or NUL opening the first chunk finishes the Enter before it; later ones are lines', () => {
    expect(typeInto(new LineEditor({ afterEnter: true }), '\n', 'pw\r').ends).toEqual([line('pw')]);
    expect(typeInto(new LineEditor({ afterEnter: true }), '\0pw\r\n\n').ends).toEqual([line('pw'), line('')]);
    expect(typeInto(new LineEditor(), '\n', 'pw\r').ends).toEqual([line(''), line('pw')]);
  });

  it('stops at each line end and hands back the rest unread', () => {
    const editor = new LineEditor();
    const first = editor.feed(Buffer.from('jdoe\r\nsecret\r'));
    expect(first.end).toEqual(line('jdoe'));
    expect(first.rest.toString()).toBe('secret\r');
    editor.masked = true;
    const second = editor.feed(first.rest);
    expect(second).toMatchObject({ echo: '\r\n', end: line('secret') });
  });

  it('password mode echoes nothing at all, not even for backspace', () => {
    const editor = new LineEditor();
    editor.masked = true;
    expect(typeInto(editor, 'pw\x7fx\x15abc')).toEqual({ echo: '', ends: [] });
    expect(typeInto(editor, '\r').ends).toEqual([line('abc')]);
  });

  it('DEL and BS erase one character with \\b \\b', () => {
    expect(typeInto(new LineEditor(), 'abc\x7f\x08d\r')).toEqual({ echo: 'abc\b \b\b \bd\r\n', ends: [line('ad')] });
  });

  it('backspace on an empty line does nothing', () => {
    expect(typeInto(new LineEditor(), '\x7f')).toEqual({ echo: '', ends: [] });
  });

  it('Ctrl-U kills the line', () => {
    expect(typeInto(new LineEditor(), 'ab\x15c\r')).toEqual({ echo: 'ab\b \b\b \bc\r\n', ends: [line('c')] });
  });

  it('Ctrl-C throws the line away and reports cancel', () => {
    expect(typeInto(new LineEditor(), 'abc\x03d\r')).toEqual({ echo: 'abc^C\r\nd\r\n', ends: [{ kind: 'cancel' }, line('d')] });
  });

  it('Ctrl-D on an empty line is eof, on a non-empty line it is ignored', () => {
    expect(typeInto(new LineEditor(), '\x04').ends).toEqual([{ kind: 'eof' }]);
    expect(typeInto(new LineEditor(), 'a\x04\r').ends).toEqual([line('a')]);
  });

  it('caps the line length with a bell', () => {
    expect(typeInto(new LineEditor({ maxLength: 3 }), 'abcd\r')).toEqual({ echo: 'abc\x07\r\n', ends: [line('abc')] });
  });

  it('ignores other control characters and non-ASCII bytes', () => {
    expect(typeInto(new LineEditor(), Buffer.from([0x61, 0x09, 0x01, 0xc3, 0xa9, 0x62, 0x0d])).ends).toEqual([line('ab')]);
  });

  it('arrow up and down walk the history and come back to the draft', () => {
    const editor = new LineEditor();
    typeInto(editor, 'one\r', 'two\r');
    expect(typeInto(editor, 'dr', UP).echo).toBe('dr\b \b\b \btwo');
    expect(editor.text).toBe('two');
    typeInto(editor, '\x1bOA');
    expect(editor.text).toBe('one');
    typeInto(editor, UP);
    expect(editor.text).toBe('one');
    typeInto(editor, DOWN, DOWN);
    expect(editor.text).toBe('dr');
    expect(typeInto(editor, UP, UP, '\r').ends).toEqual([line('one')]);
  });

  it('does not keep empty lines, repeats or passwords in history', () => {
    const editor = new LineEditor();
    typeInto(editor, 'a\r', 'a\r', '  \r');
    editor.masked = true;
    typeInto(editor, 'secret\r');
    editor.masked = false;
    typeInto(editor, UP);
    expect(editor.text).toBe('a');
    typeInto(editor, UP);
    expect(editor.text).toBe('a');
  });

  it('ignores other escape sequences, including split ones', () => {
    expect(typeInto(new LineEditor(), 'a\x1b[1;5C', '\x1b[', '3~b\x1b[Dc\r').ends).toEqual([line('abc')]);
  });

  it('Esc erases the line, as on the appliance (issue 12), whether or not more follows in the chunk', () => {
    expect(typeInto(new LineEditor(), 'show por\x1bx\r')).toEqual({ echo: 'show por' + '\b \b'.repeat(8) + 'x\r\n', ends: [line('x')] });
    expect(typeInto(new LineEditor(), 'abc\x1b', 'd\r')).toEqual({ echo: 'abc\b \b\b \b\b \bd\r\n', ends: [line('d')] });
    expect(typeInto(new LineEditor(), 'abc\x1b\x1b\r').ends).toEqual([line('')]);
  });

  it('Esc erases a password typed so far without echoing anything', () => {
    const editor = new LineEditor();
    editor.masked = true;
    expect(typeInto(editor, 'wrong\x1bright\r')).toEqual({ echo: '\r\n', ends: [line('right')] });
  });

  it('an arrow key after Esc-erase still recalls history', () => {
    const editor = new LineEditor();
    typeInto(editor, 'show port\r');
    expect(typeInto(editor, 'xy\x1b', UP).echo).toBe('xy\b \b\b \bshow port');
    expect(editor.text).toBe('show port');
  });

  it('an overlong CSI is abandoned rather than swallowing typing forever', () => {
    expect(typeInto(new LineEditor(), '\x1b[' + '1'.repeat(40) + 'Z\r').ends).toEqual([line('1'.repeat(24) + 'Z')]);
  });

  it('reset forgets the partial line and a pending escape', () => {
    const editor = new LineEditor();
    typeInto(editor, 'abc\x1b[');
    editor.reset();
    expect(typeInto(editor, 'A\r').ends).toEqual([line('A')]);
  });

  it('never throws and every line fits the cap and is printable ASCII', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 24 }), { maxLength: 6 }), (chunks) => {
        const editor = new LineEditor({ maxLength: 16 });
        const { ends } = typeInto(editor, ...chunks.map((c) => Buffer.from(c)));
        return ends.every((e) => e.kind !== 'line' || (e.text.length <= 16 && /^[\x20-\x7e]*$/.test(e.text)));
      }),
      { numRuns: 5_000 },
    );
  });
});
