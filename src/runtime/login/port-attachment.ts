/**
 * A login's live link to a port: device output to the terminal through a bounded queue, and
 * keystrokes to the device through the access-character scan (SPEC §6: once → CLI, twice → one
 * to the device). LISTEN links never write (SPEC §6). While the link's user, as SO, owes share
 * queries an answer, their next Y or N is taken out of the keystrokes for it (SPEC §4).
 */
import type { ConnectionId } from '../../domain/broker/types.js';
import { ACCESS_CHAR_HOLD_MS, AccessCharScanner } from '../../protocol/access-char.js';
import type { Terminal } from '../../transports/terminal.js';
import type { PortLink } from '../appliance.js';
import type { Timer } from '../clock.js';
import { AnswerInput } from './dialogue-input.js';
import type { LoginServices, PortOutput } from './login-services.js';

/** With `escape`: the user typed the access character; `rest` came after it and is the CLI's. */
export type TypeResult = { readonly escape: false } | { readonly escape: true; readonly rest: Buffer };

const STAYED: TypeResult = { escape: false };
const ESCAPED: TypeResult = { escape: true, rest: Buffer.alloc(0) };

export class PortAttachment {
  private readonly output: PortOutput;
  private readonly scanner: AccessCharScanner;
  private holdTimer: Timer | null = null;
  private readonly answers = new AnswerInput();
  private stopped = false;

  constructor(
    readonly link: PortLink,
    terminal: Terminal,
    private readonly services: LoginServices,
    /** Called when a held lone access character turns out to mean "go to the CLI". */
    private readonly onLateEscape: () => void,
    /** Called once when the terminal has taken no port output for `outputStallSeconds`. */
    onStalled?: () => void,
  ) {
    this.output = services.openPortOutput(link.port, terminal, onStalled);
    this.scanner = new AccessCharScanner(services.accessChar(link.port));
  }

  /** The broker asked this SO about `requester`'s share request. */
  asked(requester: ConnectionId): void {
    this.answers.asked(requester);
  }

  /** That question ended some other way (time-out, abandoned): stop waiting for its Y/N. */
  withdrawn(requester: ConnectionId): void {
    this.answers.withdrawn(requester);
  }

  /** Keystrokes while attached: Y/N answers first, while any are owed; the rest to the device. */
  input(chunk: Buffer): TypeResult {
    const now = this.services.clock.now();
    let rest = this.answers.afterAnswer(chunk, now);
    while (this.answers.open && rest.length > 0) {
      const scan = this.answers.scan(rest, now);
      if (scan.before.length > 0 && this.type(scan.before).escape) return ESCAPED;
      rest = scan.rest;
      if (scan.allow === null) return STAYED;
      this.answers.answered();
      this.services.appliance.dispatch({ type: 'answer', connectionId: this.link.id, allow: scan.allow });
      // The answer's effects may have taken this login off the port.
      if (this.stopped) return STAYED;
    }
    return rest.length === 0 ? STAYED : this.type(rest);
  }

  private type(chunk: Buffer): TypeResult {
    this.cancelHold();
    const scan = this.scanner.scan(chunk);
    if (this.link.mode === 'rw') {
      for (const part of scan.toDevice) if (part.length > 0) this.services.writeToPort(this.link.port, part);
    }
    if (scan.escape) {
      this.output.setVisible(false);
      return { escape: true, rest: scan.rest };
    }
    if (scan.held) {
      this.holdTimer = this.services.clock.setTimeout(() => {
        this.holdTimer = null;
        if (this.scanner.release().escape) {
          this.output.setVisible(false);
          this.onLateEscape();
        }
      }, ACCESS_CHAR_HOLD_MS);
    }
    return STAYED;
  }

  resume(): void {
    this.output.setVisible(true);
  }

  stop(): void {
    this.stopped = true;
    this.cancelHold();
    this.output.close();
  }

  private cancelHold(): void {
    if (this.holdTimer !== null) this.services.clock.clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }
}
