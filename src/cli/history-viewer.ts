/**
 * SPEC §6 history mode, sans-I/O: a pager over a snapshot of a port's history buffer. Keys in,
 * terminal text out; the login feeds it while in its `history` state and leaves that state when
 * `feed` reports `done` ('quit': back to the `> ` prompt; 'resume': back to the port).
 *
 * Keys (case-insensitive): B(ottom), C(lear), H(elp), N(ext), P(rev), Q(uit), R(esume),
 * S(earch), T(op). Decided: it opens on the last page (the newest output); S prompts for text
 * and shows the page starting at its next occurrence (case-insensitive) after the top line, an
 * empty search repeats the last one; C clears the port's buffer only through the callback the
 * runtime gives (null: the user may not, decided: it needs PCON). CR, LF and NUL between keys
 * are ignored; any other key shows the key list again.
 *
 * Words (issue 12): a key acts at once, and the rest of its word typed after it (`CLEAR`,
 * `bottom`, `SEARCH text`) is taken as part of it, so typing the word does what the word says
 * instead of running its letters as keys (`CLEAR` used to clear and then R)esume). Letters that
 * leave the word are keys again. After Q or R the viewer is gone; `tail` tells the login what of
 * the word may still arrive (see `swallowWordTail`).
 */

export const HISTORY_PAGE_LINES = 23;

export interface HistoryViewerOptions {
  readonly port: number;
  /** Clears the port's history buffer; null when this user may not. */
  readonly clear: (() => void) | null;
  readonly pageLines?: number;
}

export interface HistoryFeed {
  /** Text to write to the terminal (CRLF line ends). */
  readonly output: string;
  /** The viewer is finished: leave history mode. */
  readonly done?: 'quit' | 'resume';
  /** With `done`: the rest of QUIT / RESUME not typed yet, to swallow if it follows at once. */
  readonly tail?: string;
}

/** Each key's word (SPEC §6: B(ottom), C(lear), ...). */
const WORDS: Readonly<Record<string, string>> = {
  B: 'BOTTOM', C: 'CLEAR', H: 'HELP', N: 'NEXT', P: 'PREV', Q: 'QUIT', R: 'RESUME', S: 'SEARCH', T: 'TOP',
};

/**
 * The login's side of a word that ended the viewer. `tail` is the letters still expected, then
 * `\r` for the Enter that may close the word. Drops from the start of `chunk` what continues the
 * tail (letters in any case; CR, LF, CR LF or CR NUL for the Enter, which also ends an unfinished
 * word); stops at the first byte that does not. Returns what is left and the tail still expected
 * ('' when nothing more is).
 */
export function swallowWordTail(chunk: Buffer, tail: string): { rest: Buffer; tail: string } {
  let i = 0;
  let left = tail;
  while (i < chunk.length && left.length > 0) {
    const byte = chunk[i]!;
    if (byte === 0x0d || byte === 0x0a) {
      i += byte === 0x0d && (chunk[i + 1] === 0x0a || chunk[i + 1] === 0x00) ? 2 : 1;
      return { rest: chunk.subarray(i), tail: '' };
    }
    if (String.fromCharCode(byte).toUpperCase() !== left[0]) return { rest: chunk.subarray(i), tail: '' };
    i += 1;
    left = left.slice(1);
  }
  return { rest: chunk.subarray(i), tail: left };
}

const CRLF = '\r\n';
const KEYS = 'B)ottom C)lear H)elp N)ext P)rev Q)uit R)esume S)earch T)op';
const HELP = [
  'History mode keys:',
  '  B  bottom: the newest page',
  '  C  clear the port history buffer',
  '  H  this help',
  '  N  next page',
  '  P  previous page',
  '  Q  quit to the command line',
  '  R  resume: quit and return to the port',
  '  S  search for text (Enter on an empty search repeats the last)',
  '  T  top: the oldest page',
  'Keys act at once; the whole words (CLEAR, TOP, QUIT, SEARCH text...) work too.',
];

/** Splits device output into lines: LF ends a line, a CR before it (or trailing) is dropped. */
function splitLines(history: Buffer): string[] {
  if (history.length === 0) return [];
  const text = history.toString('latin1');
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export class HistoryViewer {
  private lines: string[];
  private top = 0;
  /** Text typed after S, until Enter; null when not searching. */
  private query: string | null = null;
  private lastQuery = '';
  private readonly page: number;
  /** The word of the last key, while its letters are being typed: taken, not run as keys. */
  private word: { readonly text: string; matched: number; held: string } | null = null;

  constructor(history: Buffer, private readonly options: HistoryViewerOptions) {
    this.lines = splitLines(history);
    this.page = options.pageLines ?? HISTORY_PAGE_LINES;
    this.top = this.bottomTop();
  }

  /** What to show on entering history mode: the newest page and the prompt. */
  start(): string {
    return this.render();
  }

  /** Handles the keys in `chunk`; stops at the first that ends the viewer. */
  feed(chunk: Buffer | string): HistoryFeed {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const queue = [...text];
    let output = '';
    while (queue.length > 0) {
      const char = queue.shift() as string;
      const word = this.word;
      if (word !== null) {
        if (char.toUpperCase() === word.text[word.matched]) {
          word.held += char;
          word.matched += 1;
          if (word.matched === word.text.length) this.word = null;
          continue;
        }
        // Left the word: what was held is typing after all (keys, or search text).
        this.word = null;
        queue.unshift(...word.held, char);
        continue;
      }
      if (this.query !== null) {
        output += this.searchKey(char);
        continue;
      }
      const step = this.key(char);
      output += step.output;
      const upper = char.toUpperCase();
      if (WORDS[upper] !== undefined) this.word = { text: WORDS[upper], matched: 1, held: '' };
      if (step.done) return { output, done: step.done, tail: this.leavingTail(queue) };
    }
    return { output };
  }

  /** After Q / R: takes the rest of the word from this chunk; what is still to come is the tail. */
  private leavingTail(queue: string[]): string {
    const word = this.word;
    this.word = null;
    if (word === null) return '';
    const { tail } = swallowWordTail(Buffer.from(queue.join(''), 'latin1'), `${word.text.slice(word.matched)}\r`);
    return tail;
  }

  private key(char: string): HistoryFeed {
    switch (char.toUpperCase()) {
      case 'B': this.top = this.bottomTop(); return { output: this.render() };
      case 'T': this.top = 0; return { output: this.render() };
      case 'N': return { output: this.move(this.page, 'End of history') };
      case 'P': return { output: this.move(-this.page, 'Start of history') };
      case 'H': return { output: HELP.join(CRLF) + CRLF + this.prompt() };
      case 'C': return { output: this.clear() };
      case 'S': this.query = ''; return { output: CRLF + 'Search: ' };
      case 'Q': return { output: CRLF, done: 'quit' };
      case 'R': return { output: CRLF, done: 'resume' };
      case '\r': case '\n': case '\0': return { output: '' };
      default: return { output: CRLF + this.prompt() };
    }
  }

  private move(by: number, atEdge: string): string {
    const next = Math.min(Math.max(0, this.top + by), this.bottomTop());
    if (next === this.top) return `${CRLF}-- ${atEdge} --${CRLF}${this.prompt()}`;
    this.top = next;
    return this.render();
  }

  private clear(): string {
    if (this.options.clear === null) return `${CRLF}Clearing the history needs the PCON right${CRLF}${this.prompt()}`;
    this.options.clear();
    this.lines = [];
    this.top = 0;
    return `${CRLF}History of port ${this.options.port} cleared${CRLF}${this.prompt()}`;
  }

  /** One key of the search text: Enter searches, BS/DEL edits, ESC or ^C cancels. */
  private searchKey(char: string): string {
    const query = this.query as string;
    if (char === '\r' || char === '\n') {
      this.query = null;
      return this.search(query === '' ? this.lastQuery : query);
    }
    if (char === '\x1b' || char === '\x03') {
      this.query = null;
      return CRLF + this.prompt();
    }
    if (char === '\x7f' || char === '\b') {
      if (query === '') return '';
      this.query = query.slice(0, -1);
      return '\b \b';
    }
    if (char < ' ') return '';
    if (char === ' ' && query === '') return ''; // `SEARCH text`: the space after the word
    this.query = query + char;
    return char;
  }

  private search(query: string): string {
    if (query === '') return CRLF + this.prompt();
    this.lastQuery = query;
    const needle = query.toLowerCase();
    for (let i = this.top + 1; i < this.lines.length; i++) {
      if ((this.lines[i] as string).toLowerCase().includes(needle)) {
        this.top = i;
        return this.render();
      }
    }
    return `${CRLF}Not found: ${query}${CRLF}${this.prompt()}`;
  }

  private bottomTop(): number {
    return Math.max(0, this.lines.length - this.page);
  }

  private prompt(): string {
    if (this.lines.length === 0) return `-- Port ${this.options.port} history: empty -- ${KEYS}: `;
    const last = Math.min(this.lines.length, this.top + this.page);
    return `-- Port ${this.options.port} history: lines ${this.top + 1}-${last} of ${this.lines.length} -- ${KEYS}: `;
  }

  private render(): string {
    const shown = this.lines.slice(this.top, this.top + this.page);
    return CRLF + shown.map((l) => l + CRLF).join('') + this.prompt();
  }
}
