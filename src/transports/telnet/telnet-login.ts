/**
 * The Telnet login dialogue (SPEC §2, §9): `Username: `, then `Password: ` never echoed; a wrong
 * password prints `Login incorrect` and asks again; the third failure closes the connection.
 * Before the password is checked the gate is asked for a place (SPEC §9 CLI cap): a login it
 * turns away gets `[ccmd] Too many logins; try again later` and the connection closes, unhashed.
 * Transports authenticate, so this runs before the runtime ever sees the connection.
 *
 * I/O stays outside: bytes come in through `receive`, text goes out through `write`, and the
 * outcome is reported through `onSuccess` / `onGiveUp`.
 */
import { TOO_MANY_LOGINS, type Authenticator, type LoginGate, type LoginReservation, type LoginTarget } from '../auth.js';
import type { LoginNameParser } from '../ssh/ssh-auth.js';
import type { ClientInfo } from '../terminal.js';

export const USERNAME_PROMPT = 'Username: ';
export const PASSWORD_PROMPT = 'Password: ';
export const LOGIN_INCORRECT = 'Login incorrect';
/** SPEC §9: the third failed login on one Telnet connection closes it. */
export const MAX_LOGIN_FAILURES = 3;
/** Longest line kept; a login name or password is far shorter, so the rest is ignored. */
export const MAX_LINE_BYTES = 128;
/** Typed-ahead bytes kept while a password is being checked. */
const MAX_TYPEAHEAD_BYTES = 4096;

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const BACKSPACE = 0x08;
const DELETE = 0x7f;
const CTRL_U = 0x15;
const ERASE_ONE = Buffer.from('\b \b');

/** What the reader made of some input: bytes to echo, and a line when Enter was pressed. */
export interface LineStep {
  readonly echo: Buffer | null;
  readonly line: string | null;
  /** Input after the Enter, not yet read. */
  readonly rest: Buffer;
}

/**
 * Reads one line at a time from a terminal: CR, CR LF, CR NUL and LF end a line; BS/DEL erase;
 * ^U erases the line; other control bytes are ignored; lines are bounded to MAX_LINE_BYTES.
 */
export class LineReader {
  private readonly bytes: number[] = [];
  private afterCr = false;

  /** Drops the LF or NUL completing a CR that ended the previous chunk (input read elsewhere). */
  skipLineEndRemainder(input: Buffer): Buffer {
    if (!this.afterCr || input.length === 0) return input;
    this.afterCr = false;
    return input[0] === LF || input[0] === NUL ? input.subarray(1) : input;
  }

  /** Reads `input` up to the first line end. `echo` says whether typed characters are echoed. */
  read(input: Buffer, echo: boolean): LineStep {
    const echoed: number[] = [];
    for (let i = 0; i < input.length; i++) {
      const byte = input[i] as number;
      if (this.afterCr) {
        this.afterCr = false;
        if (byte === LF || byte === NUL) continue;
      }
      if (byte === CR || byte === LF) {
        const line = Buffer.from(this.bytes).toString('utf8');
        this.bytes.length = 0;
        let next = i + 1;
        if (byte === CR && next === input.length) this.afterCr = true; // its LF/NUL may come next chunk
        else if (byte === CR && (input[next] === LF || input[next] === NUL)) next++;
        return { echo: toBuffer(echoed, echo), line, rest: input.subarray(next) };
      }
      this.take(byte, echoed);
    }
    return { echo: toBuffer(echoed, echo), line: null, rest: Buffer.alloc(0) };
  }

  private take(byte: number, echoed: number[]): void {
    if (byte === BACKSPACE || byte === DELETE) {
      if (this.bytes.pop() !== undefined) echoed.push(...ERASE_ONE);
    } else if (byte === CTRL_U) {
      for (; this.bytes.length > 0; this.bytes.pop()) echoed.push(...ERASE_ONE);
    } else if (byte >= 0x20 && this.bytes.length < MAX_LINE_BYTES) {
      this.bytes.push(byte);
      echoed.push(byte);
    }
  }
}

function toBuffer(bytes: number[], echo: boolean): Buffer | null {
  return echo && bytes.length > 0 ? Buffer.from(bytes) : null;
}

export interface LoginDialogueDeps {
  readonly authenticator: Authenticator;
  readonly parseLoginName: LoginNameParser;
  /** Port socket (SPEC §2, 3000+n): the port a login goes to when its name names none. */
  readonly fixedPort: number | undefined;
  readonly client: ClientInfo;
  /** Admission before the password is hashed; none means every login is checked. */
  readonly gate?: LoginGate;
  readonly write: (text: string | Buffer) => void;
  /** Logged in: `typeahead` is what the user typed after the password line. */
  readonly onSuccess: (login: { user: string; target: LoginTarget }, typeahead: Buffer) => void;
  /**
   * Too many failures, or turned away by the gate: the connection should close (the last message
   * is written already).
   */
  readonly onGiveUp: () => void;
  /** Reports a refused attempt for logging; never sees the password. */
  readonly onFailure?: (name: string, reason: string) => void;
}

type Stage = 'username' | 'password' | 'checking' | 'done';

export class LoginDialogue {
  private readonly reader = new LineReader();
  private stage: Stage = 'username';
  private name = '';
  private failures = 0;
  private typeahead: Buffer[] = [];
  private typeaheadBytes = 0;
  /** The gate's place for the check in progress; given back when the dialogue ends without a login. */
  private place: LoginReservation | undefined;

  constructor(private readonly deps: LoginDialogueDeps) {}

  /** Writes the first prompt. */
  start(): void {
    this.deps.write(USERNAME_PROMPT);
  }

  /** Bytes the user typed (Telnet framing already removed). */
  receive(input: Buffer): void {
    let rest = input;
    while (rest.length > 0) {
      if (this.stage === 'done') return;
      if (this.stage === 'checking') {
        this.holdTypeahead(this.reader.skipLineEndRemainder(rest));
        return;
      }
      const step = this.reader.read(rest, this.stage === 'username');
      if (step.echo !== null) this.deps.write(step.echo);
      if (step.line !== null) this.onLine(step.line);
      rest = step.rest;
    }
  }

  /** Stops the dialogue (connection closed or timed out); a pending check is then ignored. */
  stop(): void {
    this.stage = 'done';
    this.place?.release();
    this.place = undefined;
  }

  private onLine(line: string): void {
    this.deps.write('\r\n');
    if (this.stage === 'username') {
      this.name = line.trim();
      if (this.name === '') {
        this.deps.write(USERNAME_PROMPT);
        return;
      }
      this.stage = 'password';
      this.deps.write(PASSWORD_PROMPT);
      return;
    }
    this.stage = 'checking';
    void this.check(this.name, line);
  }

  private async check(name: string, password: string): Promise<void> {
    const parsed = this.deps.parseLoginName(name);
    if (!parsed.ok) {
      this.deps.onFailure?.(name, `bad login name: ${parsed.error}`);
      this.fail();
      return;
    }
    const target = { port: parsed.port ?? this.deps.fixedPort ?? null, exclusive: parsed.exclusive };
    const place = this.deps.gate?.tryReserve(target);
    if (place === null) {
      this.turnAway(name);
      return;
    }
    this.place = place;
    const outcome = await this.deps.authenticator
      .checkPassword(parsed.user, password, this.deps.client)
      .catch((): { ok: false; reason: 'bad-credentials' } => ({ ok: false, reason: 'bad-credentials' }));
    if (this.stage !== 'checking') return; // stopped meanwhile: stop() gave the place back
    this.place = undefined;
    if (outcome.ok) {
      this.stage = 'done';
      place?.commit();
      this.deps.onSuccess({ user: outcome.user, target }, Buffer.concat(this.typeahead));
      return;
    }
    place?.release();
    this.deps.onFailure?.(name, outcome.reason);
    this.fail();
  }

  /** SPEC §9 CLI cap: no password check, no failure counted toward the lockout; just close. */
  private turnAway(name: string): void {
    this.stage = 'done';
    this.deps.onFailure?.(name, 'too many logins');
    this.deps.write(`${TOO_MANY_LOGINS}\r\n`);
    this.deps.onGiveUp();
  }

  /** A locked account gets the same text as a wrong password: the client learns nothing more. */
  private fail(): void {
    this.failures++;
    this.deps.write(`${LOGIN_INCORRECT}\r\n`);
    if (this.failures >= MAX_LOGIN_FAILURES) {
      this.stage = 'done';
      this.deps.onGiveUp();
      return;
    }
    this.stage = 'username';
    this.deps.write(USERNAME_PROMPT);
    const held = Buffer.concat(this.typeahead);
    this.typeahead = [];
    this.typeaheadBytes = 0;
    if (held.length > 0) this.receive(held);
  }

  private holdTypeahead(input: Buffer): void {
    const room = MAX_TYPEAHEAD_BYTES - this.typeaheadBytes;
    if (room <= 0) return;
    const kept = input.subarray(0, room);
    this.typeahead.push(Buffer.from(kept));
    this.typeaheadBytes += kept.length;
  }
}
