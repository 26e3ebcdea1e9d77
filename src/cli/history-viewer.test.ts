import { describe, expect, it } from 'vitest';
import { HISTORY_PAGE_LINES, HistoryViewer, swallowWordTail } from './history-viewer.js';

/** `count` device lines `line 1` .. `line N`, CRLF-terminated like device output. */
function history(count: number): Buffer {
  return Buffer.from(Array.from({ length: count }, (_, i) => `line ${i + 1}\r\n`).join(''), 'latin1');
}

/** The `line n` rows a chunk of output shows, in order. */
function shownLines(output: string): string[] {
  return output.split('\r\n').filter((l) => /^line \d+$/.test(l) || /^(alpha|beta|gamma)/.test(l));
}

function viewer(count: number, clear: (() => void) | null = null) {
  return new HistoryViewer(history(count), { port: 3, clear });
}

describe('HistoryViewer (SPEC §6 history mode)', () => {
  it('opens on the newest 23-line page with a prompt giving the position', () => {
    const out = viewer(50).start();
    expect(HISTORY_PAGE_LINES).toBe(23);
    expect(shownLines(out)).toEqual(Array.from({ length: 23 }, (_, i) => `line ${28 + i}`));
    expect(out).toMatch(/-- Port 3 history: lines 28-50 of 50 -- B\)ottom .* T\)op: $/);
  });

  it('T goes to the top, N pages forward, P back, B to the bottom', () => {
    const v = viewer(60);
    v.start();
    expect(shownLines(v.feed('t').output)[0]).toBe('line 1');
    expect(shownLines(v.feed('N').output)[0]).toBe('line 24');
    expect(shownLines(v.feed('n').output)).toEqual(Array.from({ length: 23 }, (_, i) => `line ${38 + i}`));
    expect(shownLines(v.feed('p').output)[0]).toBe('line 15');
    expect(shownLines(v.feed('B').output)[0]).toBe('line 38');
  });

  it('says so at either end instead of moving', () => {
    const v = viewer(30);
    v.start();
    expect(v.feed('n').output).toContain('-- End of history --');
    v.feed('t');
    expect(v.feed('p').output).toContain('-- Start of history --');
  });

  it('a buffer shorter than a page shows everything; an empty one says it is empty', () => {
    expect(shownLines(viewer(5).start())).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(new HistoryViewer(Buffer.alloc(0), { port: 7, clear: null }).start()).toContain('-- Port 7 history: empty --');
  });

  it('keeps a last line that has no line end', () => {
    const v = new HistoryViewer(Buffer.from('one\r\ntwo\r\ndevice3$ '), { port: 3, clear: null });
    expect(v.start()).toContain('\r\ndevice3$ \r\n');
  });

  it('Q quits and R resumes, ignoring keys after them', () => {
    expect(viewer(10).feed('q').done).toBe('quit');
    const r = viewer(10).feed('Rtn');
    expect(r.done).toBe('resume');
    expect(r.output).not.toContain('line');
  });

  it('H lists the keys; an unknown key repeats the prompt; CR and LF are ignored', () => {
    const v = viewer(10);
    expect(v.feed('h').output).toContain('R  resume: quit and return to the port');
    expect(v.feed('x').output).toMatch(/^\r\n-- Port 3 history/);
    expect(v.feed('\r\n').output).toBe('');
  });

  it('C clears through the callback and empties the view', () => {
    let cleared = 0;
    const v = viewer(40, () => { cleared++; });
    const out = v.feed('c').output;
    expect(cleared).toBe(1);
    expect(out).toContain('History of port 3 cleared');
    expect(out).toContain('history: empty');
    expect(shownLines(v.feed('t').output)).toEqual([]);
  });

  it('C without a callback refuses and keeps the lines', () => {
    const v = viewer(40, null);
    expect(v.feed('C').output).toContain('needs the PCON right');
    expect(shownLines(v.feed('t').output)[0]).toBe('line 1');
  });

  it('S prompts, echoes, and shows the page starting at the next match; empty repeats', () => {
    const text = ['alpha', ...Array.from({ length: 30 }, (_, i) => `line ${i + 1}`), 'beta one', 'line x', 'beta two', 'gamma']
      .join('\r\n');
    const v = new HistoryViewer(Buffer.from(text), { port: 3, clear: null });
    v.start();
    v.feed('t');
    const prompt = v.feed('s');
    expect(prompt.output).toBe('\r\nSearch: ');
    expect(v.feed('BET').output).toBe('BET');
    expect(shownLines(v.feed('\r').output)[0]).toBe('beta one');
    v.feed('S');
    expect(shownLines(v.feed('\r').output)[0]).toBe('beta two');
    v.feed('s');
    expect(v.feed('beta\r').output).toContain('Not found: beta');
  });

  it('search text can be edited with backspace and cancelled with ESC', () => {
    const v = new HistoryViewer(Buffer.from('x\r\nfoo\r\nbar\r\n'), { port: 3, clear: null, pageLines: 1 });
    v.feed('ts');
    expect(v.feed('baz\x7f').output).toBe('baz\b \b');
    expect(v.feed('r\r').output).toContain('bar');
    v.feed('s');
    expect(v.feed('foo\x1b').output).toContain('-- Port 3 history');
    expect(v.feed('q').done).toBe('quit');
  });

  it('handles several keys in one chunk', () => {
    const v = viewer(100);
    const out = v.feed('tnn').output;
    expect(out).toContain('lines 47-69 of 100');
  });
});

describe('HistoryViewer words (issue 12: CLEAR works as typed)', () => {
  it('CLEAR typed whole clears once and stays in history mode (its R is not R)esume)', () => {
    let cleared = 0;
    const v = viewer(30, () => { cleared++; });
    v.start();
    const step = v.feed('CLEAR\r');
    expect(cleared).toBe(1);
    expect(step.done).toBeUndefined();
    expect(step.output).toContain('History of port 3 cleared');
  });

  it('a word typed one key per packet works the same, in any case', () => {
    let cleared = 0;
    const v = viewer(30, () => { cleared++; });
    v.start();
    const steps = ['c', 'l', 'E', 'a', 'r', '\r'].map((k) => v.feed(k));
    expect(cleared).toBe(1);
    expect(steps.some((s) => s.done !== undefined)).toBe(false);
  });

  it('TOP and BOTTOM move like T and B; letters that leave a word are keys again', () => {
    const v = viewer(60);
    v.start();
    expect(shownLines(v.feed('top\r').output)[0]).toBe('line 1');
    expect(shownLines(v.feed('BOTTOM\r').output)[0]).toBe('line 38');
    // `tn`: T, then N (not the O of TOP), so the page after the top.
    expect(shownLines(v.feed('tn').output).at(-23)).toBe('line 24');
  });

  it('SEARCH text searches for the text after the word', () => {
    const v = new HistoryViewer(Buffer.from('alpha 1\r\nbeta 2\r\ngamma 3\r\n' + 'line x\r\n'.repeat(30)), { port: 3, clear: null });
    v.feed('t');
    expect(shownLines(v.feed('SEARCH gamma\r').output)[0]).toBe('gamma 3');
    v.feed('t');
    // S then text that is not the word: the letters are the search text, E included.
    expect(v.feed('sbeta\r').output).toContain('beta 2');
  });

  it('QUIT and RESUME end the viewer; what of the word has not come yet is the tail', () => {
    const whole = viewer(5);
    expect(whole.feed('QUIT\r')).toMatchObject({ done: 'quit', tail: '' });
    const split = viewer(5);
    expect(split.feed('r')).toMatchObject({ done: 'resume', tail: 'ESUME\r' });
    const half = viewer(5);
    expect(half.feed('qu')).toMatchObject({ done: 'quit', tail: 'IT\r' });
  });
});

describe('swallowWordTail (the login side of QUIT / RESUME)', () => {
  it.each([
    ['UIT\r', 'UIT\r', '', ''],
    ['uit\r\nshow', 'UIT\r', 'show', ''],
    ['ui', 'UIT\r', '', 'T\r'],
    ['\r', '\r', '', ''],
    ['\r\0x', 'IT\r', 'x', ''],
    ['show port', 'UIT\r', 'show port', ''],
    ['ux', 'UIT\r', 'x', ''],
  ])('%j with tail %j leaves %j, tail %j', (chunk, tail, rest, left) => {
    const out = swallowWordTail(Buffer.from(chunk, 'latin1'), tail);
    expect(out.rest.toString('latin1')).toBe(rest);
    expect(out.tail).toBe(left);
  });
});
