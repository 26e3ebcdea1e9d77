/**
 * The `> ` prompt: a line editor feeding the command registry. Input that arrives while a
 * command runs waits, then goes wherever the command left the login (a CONNECT moves later
 * keystrokes to the port).
 */
import { cliError, errorLine } from '../../domain/errors.js';
import { LineEditor } from '../../protocol/line-editor.js';
import type { LoginConnection } from './login-connection.js';
import type { LoginServices } from './login-services.js';

const PROMPT = '> ';
/** Input buffered while a command runs; beyond this a paste storm is dropped, not hoarded. */
const MAX_QUEUED = 64 * 1024;

export class CliInput {
  private readonly editor = new LineEditor({ maxLength: 1024 });
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  private running = false;

  constructor(private readonly login: LoginConnection, private readonly services: LoginServices) {}

  showPrompt(): void {
    this.editor.reset();
    this.login.terminal.write(PROMPT);
  }

  /** After a notice interrupted the prompt line. */
  redraw(): void {
    this.login.terminal.write(PROMPT + this.editor.text);
  }

  feed(chunk: Buffer): void {
    if (this.running) {
      if (this.queuedBytes + chunk.length <= MAX_QUEUED) {
        this.queued.push(chunk);
        this.queuedBytes += chunk.length;
      }
      return;
    }
    let rest = chunk;
    while (rest.length > 0) {
      const result = this.editor.feed(rest);
      if (result.echo.length > 0) this.login.terminal.write(result.echo);
      rest = result.rest;
      if (result.end === null) continue;
      if (result.end.kind === 'line') {
        this.run(result.end.text, rest);
        return;
      }
      if (result.end.kind === 'cancel') this.showPrompt();
      // eof (^D on an empty line) means nothing at the prompt: ^D is the access character.
    }
  }

  /**
   * What was typed after the running command's line and waits for it to finish: a question the
   * command asks (a password) reads it instead, as a terminal's type-ahead goes to whoever reads.
   */
  takeQueued(): Buffer[] {
    const queued = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    return queued;
  }

  private run(line: string, rest: Buffer): void {
    this.running = true;
    if (rest.length > 0) {
      this.queued.push(rest);
      this.queuedBytes += rest.length;
    }
    this.login.markRunning();
    this.services.runCli(this.login, line)
      .then((result) => {
        if (!result.ok) this.login.print(result.lines.join('\n'));
      })
      // The runner answers a failing command itself (ERR 21, logged); this is the last backstop.
      .catch(() => this.login.print(errorLine(cliError('internalError'))))
      .finally(() => {
        this.running = false;
        this.login.commandFinished();
        const queued = this.queued;
        this.queued = [];
        this.queuedBytes = 0;
        for (const chunk of queued) this.login.input(chunk);
      });
  }
}
