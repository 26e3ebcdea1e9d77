/**
 * One logged-in operator: a terminal, a user, and the state machine that routes keystrokes to
 * the CLI, to a port, or to a dialogue (SPEC §4 choice and query, §6 access character, §9).
 */
import type { LoginView, SessionControl } from '../../cli/context.js';
import type { ConnectionId } from '../../domain/broker/types.js';
import type { Notice } from '../../domain/notices.js';
import type { AccessList } from '../../domain/rights.js';
import type { Choice } from '../../domain/share.js';
import type { LoginTarget } from '../../transports/auth.js';
import type { ClientInfo, Terminal } from '../../transports/terminal.js';
import type { PortLink, PortParticipant } from '../appliance.js';
import { HistoryViewer, swallowWordTail } from '../../cli/history-viewer.js';
import { KeyAnswerReader } from '../../protocol/key-answer.js';
import { LineEditor } from '../../protocol/line-editor.js';
import { CliInput } from './cli-input.js';
import { ChoiceInput, ENTER_AFTER_KEY_MS } from './dialogue-input.js';
import { IdleWatch } from './idle-watch.js';
import type { LoginServices } from './login-services.js';
import type { LoginState } from './login-state.js';
import { PortAttachment } from './port-attachment.js';

const CRLF = '\r\n';
const EMPTY = Buffer.alloc(0);
/** Longest secret line read at a question: a password is at most 16 characters (SPEC §3). */
const SECRET_MAX_LENGTH = 64;

/** CLI text (LF line ends) as the terminal wants it. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, CRLF);
}

export class LoginConnection implements PortParticipant, SessionControl, LoginView {
  private state: LoginState = { kind: 'cli' };
  /** The port this login is connected to, if any (kept while escaped to the CLI). */
  private attachment: PortAttachment | null = null;
  private lastQuestion = '';
  private readonly cli: CliInput;
  private readonly choice = new ChoiceInput();
  /** When the last E/N/S/D key was read (its Enter may follow in the next packet). */
  private answeredAt = 0;
  private readonly idle: IdleWatch;
  /** The rest of QUIT / RESUME after leaving history mode by its key, and when it last moved. */
  private historyTail: { tail: string; at: number } | null = null;
  /** Logged in straight to a port: the login ends with that port connection (SPEC §9). */
  readonly direct: boolean;
  /** When the login began (SHOW USER's Duration, issue 12 item 6). */
  readonly since: number;
  /** The rights the user held at login (SHOW USER without a name shows these, as the manual's). */
  readonly accessAtLogin: AccessList;

  constructor(
    readonly terminal: Terminal,
    readonly user: string,
    private readonly services: LoginServices,
    target: LoginTarget,
  ) {
    this.direct = target.port !== null;
    this.since = services.clock.now();
    this.accessAtLogin = services.accessOf(user);
    this.cli = new CliInput(this, services);
    this.idle = new IdleWatch(services.clock, () => this.idleTimeout());
    terminal.on('data', (chunk) => this.input(chunk));
    terminal.on('break', () => this.onBreak());
    terminal.on('close', () => this.close());
    services.activeLogins.add(this);
    this.armIdle();
    if (target.port === null) {
      this.prompt();
      return;
    }
    const port = services.resolvePort(target.port);
    if (port === null) {
      this.print(`[ccmd] No such port: ${String(target.port)}`);
      this.close();
      return;
    }
    this.connect(port, target.exclusive, target.listen === true ? 'listen' : 'rw');
  }

  get client(): ClientInfo {
    return this.terminal.client;
  }

  get port(): number | null {
    return this.attachment?.link.port ?? null;
  }

  // ---- output ---------------------------------------------------------------------------------

  /** Writes lines of CLI text (LF separated) as CRLF lines. */
  print(text: string): void {
    this.terminal.write(crlf(text) + CRLF);
  }

  /** SPEC §7: each notice on its own line. */
  notify(notice: Notice): void {
    const text = this.services.renderNotice(notice);
    if (notice.kind === 'choiceOffered') this.lastQuestion = text;
    this.terminal.write(CRLF + text + CRLF);
    this.terminal.onNotice?.(notice);
    if (this.state.kind === 'cli') this.cli.redraw();
  }

  prompt(): void {
    this.state = { kind: 'cli' };
    this.cli.showPrompt();
  }

  markRunning(): void {
    this.state = { kind: 'running' };
  }

  /** A CLI command returned: prompt again unless it moved the login elsewhere. */
  commandFinished(): void {
    if (this.state.kind === 'running') this.prompt();
  }

  // ---- SessionControl (the CLI's session commands) ----------------------------------------------

  connect(port: number, exclusive: boolean, mode: 'rw' | 'listen'): void {
    const refusal = this.services.portRefusal(this.user, port);
    if (refusal !== null) {
      this.notify(refusal);
      this.afterRefusal();
      return;
    }
    if (this.attachment !== null) this.leavePort();
    this.state = { kind: 'requesting', id: -1, port };
    const level = this.services.levelOf(this.user);
    const id = this.services.appliance.request(this, { port, exclusive, mode, level });
    // The broker usually answers at once (attached, refused, awaitChoice); if not, remember the id.
    if (this.state.kind === 'requesting' && this.state.id === -1) this.state = { kind: 'requesting', id, port };
  }

  resume(): boolean {
    if (this.attachment === null) return false;
    this.state = { kind: 'attached' };
    this.attachment.resume();
    return true;
  }

  disconnect(): boolean {
    if (this.attachment === null) return false;
    const port = this.attachment.link.port;
    this.leavePort();
    this.notify({ kind: 'disconnected', port });
    if (this.direct) this.close();
    return true;
  }

  quit(): void {
    this.close();
  }

  /** SPEC §6 history mode: the viewer owns the keyboard until Q (back to the CLI) or R (the port). */
  viewHistory(port: number, history: Buffer, clear: (() => void) | null): void {
    const viewer = new HistoryViewer(history, { port, clear });
    this.state = { kind: 'history', viewer };
    this.terminal.write(crlf(viewer.start()));
  }

  ask(question: string): Promise<boolean> {
    return new Promise((resolve) => {
      const reader = new KeyAnswerReader<'Y' | 'N'>(['Y', 'N']);
      this.state = { kind: 'confirming', question, reader, answer: resolve };
      this.print(question);
    });
  }

  askSecret(prompt: string): Promise<string | null> {
    return new Promise((resolve) => {
      // A question always follows an Enter (the command line's, or the previous answer's).
      const editor = new LineEditor({ maxLength: SECRET_MAX_LENGTH, historySize: 0, afterEnter: true });
      editor.masked = true;
      this.state = { kind: 'secret', editor, answer: resolve };
      this.terminal.write(prompt);
      // Typed after the command line (a pasted password): it answers this question.
      for (const chunk of this.cli.takeQueued()) this.input(chunk);
    });
  }

  /** LoginView: USER LOGOUT / USER DELETE / shutdown. */
  endLogin(notice: Notice): void {
    this.notify(notice);
    this.close();
  }

  /** QUIT, logout, or the terminal went away. Idempotent. */
  close(): void {
    if (this.state.kind === 'closing') return;
    const pending = this.state;
    this.state = { kind: 'closing' };
    if (pending.kind === 'confirming') pending.answer(false);
    if (pending.kind === 'secret') pending.answer(null);
    if ((pending.kind === 'requesting' || pending.kind === 'choosing' || pending.kind === 'awaiting-approval') && pending.id >= 0) {
      this.services.appliance.leave(pending.id);
    }
    if (this.attachment !== null) this.leavePort();
    this.idle.stop();
    this.services.activeLogins.delete(this);
    this.terminal.close();
  }

  // ---- PortParticipant: the broker's effects ----------------------------------------------------

  attached(link: PortLink): void {
    this.attachment = new PortAttachment(link, this.terminal, this.services, () => this.escapeToCli(EMPTY),
      () => this.outputStalled());
    this.state = { kind: 'attached' };
    this.armIdle();
  }

  detached(link: PortLink, reason: string): void {
    if (this.attachment?.link.id !== link.id) return;
    this.attachment.stop();
    this.attachment = null;
    if (reason === 'left' || this.state.kind === 'closing') return;
    if (this.direct) return this.close();
    // Back at the CLI: SERVER CLI TIMEOUT applies again instead of the port's (SPEC §6).
    this.armIdle();
    // At the prompt already (escaped with ^D: the notice redrew it) or running a command (its
    // own SESSION END: commandFinished prompts after the output): a prompt here would double it.
    if (this.state.kind !== 'cli' && this.state.kind !== 'running') this.prompt();
  }

  refused(_port: number): void {
    this.afterRefusal();
  }

  awaitChoice(id: ConnectionId, options: readonly Choice[]): void {
    const port = 'port' in this.state ? this.state.port : 0;
    this.state = { kind: 'choosing', id, port, options };
    this.choice.reset(options);
  }

  awaitApproval(id: ConnectionId): void {
    const port = 'port' in this.state ? this.state.port : 0;
    this.state = { kind: 'awaiting-approval', id, port };
  }

  awaitAnswer(_originator: ConnectionId, requester: ConnectionId): void {
    this.attachment?.asked(requester);
  }

  questionWithdrawn(requester: ConnectionId): void {
    this.attachment?.withdrawn(requester);
  }

  // ---- input ----------------------------------------------------------------------------------

  input(data: Buffer): void {
    this.idle.touch();
    // SPEC §9: the Enter right after an E/N/S/D key is swallowed, even in the next packet.
    const answered = this.state.kind === 'choosing' ? data : this.choice.afterAnswer(data, this.services.clock.now() - this.answeredAt);
    const chunk = this.afterHistoryWord(answered);
    if (chunk.length === 0) return;
    switch (this.state.kind) {
      case 'cli':
      case 'running':
        this.cli.feed(chunk);
        return;
      case 'attached':
        this.attachedInput(chunk);
        return;
      case 'choosing':
        this.choosingInput(chunk, this.state.id);
        return;
      case 'history':
        this.historyInput(this.state.viewer, chunk);
        return;
      case 'confirming':
        this.confirmingInput(this.state, chunk);
        return;
      case 'secret':
        this.secretInput(this.state, chunk);
        return;
      case 'requesting':
      case 'awaiting-approval':
      case 'closing':
        // Nothing to type into while a request is decided; its deadline bounds the wait.
        return;
    }
  }

  private attachedInput(chunk: Buffer): void {
    const typed = this.attachment?.input(chunk);
    if (typed?.escape) this.escapeToCli(typed.rest);
  }

  private escapeToCli(rest: Buffer): void {
    if (this.state.kind !== 'attached') return;
    this.terminal.write(CRLF);
    this.prompt();
    if (rest.length > 0) this.cli.feed(rest);
  }

  private historyInput(viewer: HistoryViewer, chunk: Buffer): void {
    const step = viewer.feed(chunk);
    if (step.output.length > 0) this.terminal.write(crlf(step.output));
    if (step.done === undefined) return;
    if (step.tail) this.historyTail = { tail: step.tail, at: this.services.clock.now() };
    if (step.done === 'resume' && this.resume()) return;
    this.prompt();
  }

  /**
   * Issue 12: `QUIT` / `RESUME` typed as words in history mode. The key acted at once; the rest
   * of the word and its Enter, typed within ENTER_AFTER_KEY_MS of each other, are swallowed
   * instead of reaching the CLI or the device.
   */
  private afterHistoryWord(chunk: Buffer): Buffer {
    const pending = this.historyTail;
    if (pending === null || chunk.length === 0) return chunk;
    const now = this.services.clock.now();
    if (now - pending.at > ENTER_AFTER_KEY_MS) {
      this.historyTail = null;
      return chunk;
    }
    const { rest, tail } = swallowWordTail(chunk, pending.tail);
    this.historyTail = tail === '' ? null : { tail, at: now };
    return rest;
  }

  /** A command's Y/N: the command goes on (state `running`) once a key answers. */
  private confirmingInput(state: Extract<LoginState, { kind: 'confirming' }>, chunk: Buffer): void {
    const result = state.reader.feed(chunk);
    if (result.answer === null) {
      if (result.repeat) this.print(state.question);
      if (result.rest.length > 0) this.confirmingInput(state, result.rest);
      return;
    }
    this.terminal.write(`${result.answer}${CRLF}`);
    this.state = { kind: 'running' };
    state.answer(result.answer === 'Y');
    if (result.rest.length > 0) this.input(result.rest);
  }

  /** A command's secret line: nothing is echoed; Enter answers it, ^C or ^D cancels it. */
  private secretInput(state: Extract<LoginState, { kind: 'secret' }>, chunk: Buffer): void {
    const step = state.editor.feed(chunk);
    if (step.echo.length > 0) this.terminal.write(step.echo);
    if (step.end === null) return;
    if (step.end.kind === 'eof') this.terminal.write(CRLF);
    this.state = { kind: 'running' };
    state.answer(step.end.kind === 'line' ? step.end.text : null);
    if (step.rest.length > 0) this.input(step.rest);
  }

  private choosingInput(chunk: Buffer, id: ConnectionId): void {
    const result = this.choice.scan(chunk);
    if (result.choice === null) {
      if (result.repeat) this.terminal.write(CRLF + this.lastQuestion + CRLF);
      return;
    }
    this.answeredAt = this.services.clock.now();
    this.services.appliance.dispatch({ type: 'choose', connectionId: id, choice: result.choice });
    // What was typed after the key belongs to wherever the choice led (the port, the CLI).
    if (result.rest.length > 0) this.input(result.rest);
  }

  private onBreak(): void {
    const port = this.port;
    if (this.state.kind !== 'attached' || port === null) return;
    void this.services.sendBreak(port, this.user).then((message) => {
      if (message !== null) this.terminal.write(CRLF + message + CRLF);
    });
  }

  // ---- helpers --------------------------------------------------------------------------------

  private afterRefusal(): void {
    if (this.state.kind === 'closing') return;
    if (this.direct) this.close();
    else if (this.state.kind !== 'running') this.prompt();
  }

  private leavePort(): void {
    const attachment = this.attachment;
    if (attachment === null) return;
    this.attachment = null;
    attachment.stop();
    this.services.appliance.leave(attachment.link.id);
    if (this.state.kind !== 'closing') this.armIdle();
  }

  private armIdle(): void {
    this.idle.arm(this.services.idleTimeoutMs(this.attachment?.link.port ?? null));
  }

  /**
   * The client stopped taking port output (frozen, vanished without a FIN, or not reading):
   * end the login so its place on the port is freed at once (SPEC §4 limits) rather than held
   * until TCP gives up. The terminal is told nothing: it is not reading.
   */
  private outputStalled(): void {
    if (this.state.kind === 'closing') return;
    this.services.outputStalled?.(this.port ?? 0, this.user);
    this.close();
  }

  private idleTimeout(): void {
    if (this.state.kind === 'closing') return;
    this.notify({ kind: 'inactivity' });
    const port = this.port;
    if (port !== null) this.services.recordIdle(port, this.user);
    this.close();
  }
}
