/**
 * One logged-in operator: a terminal, a user, and the state machine that routes their keystrokes
 * to the CLI, to a port, or to a dialogue (SPEC §4 choice and query, §6 access character, §9).
 */
import type { ConnectionId } from '../../domain/broker/types.js';
import type { Notice } from '../../domain/notices.js';
import type { Choice } from '../../domain/share.js';
import type { LoginTarget } from '../../transports/auth.js';
import type { Terminal } from '../../transports/terminal.js';
import type { PortLink, PortParticipant } from '../appliance.js';
import type { LoginState } from './login-state.js';
import { PortAttachment } from './port-attachment.js';
import type { LoginServices } from './login-services.js';
import { CliInput } from './cli-input.js';
import { AnswerInput, ChoiceInput } from './dialogue-input.js';
import { IdleWatch } from './idle-watch.js';

const CRLF = '\r\n';

export class LoginConnection implements PortParticipant {
  private state: LoginState = { kind: 'cli' };
  /** The port this login is connected to, if any (kept while escaped to the CLI). */
  private attachment: PortAttachment | null = null;
  /** Requests this login, as SO, must answer with its next Y or N (oldest first). */
  private readonly answering: ConnectionId[] = [];
  private readonly cli: CliInput;
  private readonly choice = new ChoiceInput();
  private readonly answer = new AnswerInput();
  private readonly idle: IdleWatch;
  /** Logged in straight to a port: leaves when that port connection ends (SPEC §9). */
  readonly direct: boolean;

  constructor(
    readonly terminal: Terminal,
    readonly user: string,
    private readonly services: LoginServices,
    target: LoginTarget,
  ) {
    this.direct = target.port !== null;
    this.cli = new CliInput(this, services);
    this.idle = new IdleWatch(services.clock, () => this.idleTimeout());
    terminal.on('data', (chunk) => this.onData(chunk));
    terminal.on('break', () => this.onBreak());
    terminal.on('close', () => this.onClosed());
    services.logins.add(this);
    this.armIdle();
    if (target.port !== null) this.connect(target.port, target.exclusive, 'rw');
    else this.prompt();
  }

  get stateKind(): LoginState['kind'] {
    return this.state.kind;
  }

  get port(): number | null {
    return this.attachment?.link.port ?? null;
  }

  get currentLink(): PortLink | null {
    return this.attachment?.link ?? null;
  }

  // ---- output -------------------------------------------------------------------------------

  /** Writes lines of CLI text (LF or CRLF separated) as CRLF lines. */
  print(text: string): void {
    this.terminal.write(text.replace(/\r?\n/g, CRLF) + CRLF);
  }

  /** SPEC §7: each notice on its own line. */
  notify(notice: Notice): void {
    const text = this.services.renderNotice(notice);
    if (this.state.kind === 'cli') {
      this.terminal.write(CRLF + text + CRLF);
      this.cli.redraw();
    } else {
      this.terminal.write(CRLF + text + CRLF);
    }
  }

  prompt(): void {
    this.state = { kind: 'cli' };
    this.cli.showPrompt();
  }

  // ---- requests from the CLI commands ---------------------------------------------------------

  /** CONNECT / LISTEN / direct login. Resolves port names; checks rights and the device first. */
  connect(portRef: number | string, exclusive: boolean, mode: 'rw' | 'listen'): void {
    const port = this.services.resolvePort(portRef);
    if (port === null) {
      this.print(`[ccmd] No such port: ${String(portRef)}`);
      this.afterRefusal();
      return;
    }
    const refusal = this.services.portRefusal(this.user, port, mode);
    if (refusal !== null) {
      this.notify(refusal);
      this.afterRefusal();
      return;
    }
    if (this.attachment !== null) this.leavePort();
    const level = this.services.levelOf(this.user);
    this.state = { kind: 'requesting', id: -1, port };
    const id = this.services.appliance.request(this, { port, exclusive, mode, level });
    // The broker answered synchronously through attached/refused/awaitChoice/awaitApproval.
    if (this.state.kind === 'requesting' && this.state.id === -1) this.state = { kind: 'requesting', id, port };
  }

  /** RESUME: back to the suspended port. */
  resume(): boolean {
    if (this.attachment === null) return false;
    this.state = { kind: 'attached' };
    this.attachment.resume();
    return true;
  }

  /** DISCONNECT: leave the port, stay logged in (or leave altogether when direct). */
  disconnect(): boolean {
    if (this.attachment === null) return false;
    const port = this.attachment.link.port;
    this.leavePort();
    this.notify({ kind: 'disconnected', port });
    if (this.direct) this.close();
    return true;
  }

  /** QUIT, logout, or the terminal went away. */
  close(): void {
    if (this.state.kind === 'closing') return;
    this.abandonRequest();
    if (this.attachment !== null) this.leavePort();
    this.state = { kind: 'closing' };
    this.idle.stop();
    this.services.logins.delete(this);
    this.terminal.close();
  }

  enterHistory(onInput: (chunk: Buffer) => void): void {
    this.state = { kind: 'history' };
    this.historyInput = onInput;
  }

  leaveHistory(): void {
    this.historyInput = null;
    this.prompt();
  }

  private historyInput: ((chunk: Buffer) => void) | null = null;

  // ---- PortParticipant: the broker's effects -------------------------------------------------

  attached(link: PortLink): void {
    this.attachment = new PortAttachment(link, this.terminal, this.services);
    this.state = { kind: 'attached' };
    this.armIdle();
  }

  detached(link: PortLink, reason: string): void {
    if (this.attachment?.link.id !== link.id) return;
    this.attachment.stop();
    this.attachment = null;
    this.answering.length = 0;
    if (reason === 'left') return;
    if (this.direct) this.close();
    else if (this.state.kind !== 'closing') this.prompt();
  }

  refused(_port: number): void {
    this.afterRefusal();
  }

  awaitChoice(id: ConnectionId, options: readonly Choice[]): void {
    const port = this.state.kind === 'requesting' ? this.state.port : 0;
    this.state = { kind: 'choosing', id, port, options };
    this.choice.reset();
  }

  awaitApproval(id: ConnectionId): void {
    const port = 'port' in this.state ? this.state.port : 0;
    this.state = { kind: 'awaiting-approval', id, port };
  }

  awaitAnswer(_originator: ConnectionId, requester: ConnectionId): void {
    this.answering.push(requester);
    this.answer.reset();
  }

  // ---- input ------------------------------------------------------------------------------

  private onData(chunk: Buffer): void {
    this.idle.touch();
    switch (this.state.kind) {
      case 'cli':
      case 'running':
        this.cli.feed(chunk);
        return;
      case 'attached':
        this.attachedInput(chunk);
        return;
      case 'choosing':
        this.choosingInput(chunk, this.state.id, this.state.options);
        return;
      case 'history':
        this.historyInput?.(chunk);
        return;
      case 'requesting':
      case 'awaiting-approval':
      case 'closing':
        // Nothing to type into while the request is decided; the query deadline bounds the wait.
        return;
    }
  }

  private attachedInput(chunk: Buffer): void {
    let rest: Buffer = chunk;
    while (this.answering.length > 0 && rest.length > 0) {
      const scan = this.answer.scan(rest);
      if (scan.before.length > 0) this.attachment?.type(scan.before);
      rest = scan.rest;
      if (scan.allow === null) return;
      const requester = this.answering.shift();
      if (requester !== undefined) this.services.appliance.dispatch({ type: 'answer', connectionId: this.attachment?.link.id ?? -1, allow: scan.allow });
    }
    if (rest.length === 0 || this.attachment === null) return;
    if (this.attachment.type(rest) === 'escape') {
      this.state = { kind: 'cli' };
      this.terminal.write(CRLF);
      this.cli.showPrompt();
    }
  }

  private choosingInput(chunk: Buffer, id: ConnectionId, options: readonly Choice[]): void {
    const result = this.choice.scan(chunk, options);
    if (result.choice === null) {
      if (result.repeat) this.terminal.write(CRLF + this.services.choiceQuestion(this.state) + CRLF);
      return;
    }
    this.services.appliance.dispatch({ type: 'choose', connectionId: id, choice: result.choice });
  }

  private onBreak(): void {
    if (this.state.kind === 'attached' && this.attachment !== null) this.attachment.sendBreak(this.user);
  }

  private onClosed(): void {
    this.close();
  }

  // ---- helpers -----------------------------------------------------------------------------

  private afterRefusal(): void {
    if (this.direct) this.close();
    else if (this.state.kind !== 'closing') this.prompt();
  }

  private leavePort(): void {
    const attachment = this.attachment;
    if (attachment === null) return;
    this.attachment = null;
    this.answering.length = 0;
    attachment.stop();
    this.services.appliance.leave(attachment.link.id);
  }

  private abandonRequest(): void {
    const s = this.state;
    if (s.kind === 'requesting' || s.kind === 'choosing' || s.kind === 'awaiting-approval') {
      if (s.id >= 0) this.services.appliance.leave(s.id);
    }
  }

  private armIdle(): void {
    this.idle.arm(this.services.idleTimeoutMs(this.attachment?.link.port ?? null));
  }

  private idleTimeout(): void {
    if (this.state.kind === 'closing') return;
    this.notify({ kind: 'inactivity' });
    if (this.attachment !== null) this.services.recordIdle(this.attachment.link.port, this.user);
    this.close();
  }
}
