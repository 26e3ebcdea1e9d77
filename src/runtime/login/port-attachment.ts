/**
 * A login's live link to a port: device output to the terminal through a bounded queue, and
 * keystrokes to the device through the access-character scan (SPEC §6: once → CLI, twice → one
 * to the device). LISTEN links never write (SPEC §6).
 */
import { ACCESS_CHAR_HOLD_MS, AccessCharScanner } from '../../protocol/access-char.js';
import type { Terminal } from '../../transports/terminal.js';
import type { PortLink } from '../appliance.js';
import type { Timer } from '../clock.js';
import type { LoginServices, PortOutput } from './login-services.js';

export type TypeResult = { readonly escape: false } | { readonly escape: true; readonly rest: Buffer };

export class PortAttachment {
  private readonly output: PortOutput;
  private readonly scanner: AccessCharScanner;
  private holdTimer: Timer | null = null;

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

  /** Keystrokes while attached. */
  type(chunk: Buffer): TypeResult {
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
    return { escape: false };
  }

  resume(): void {
    this.output.setVisible(true);
  }

  stop(): void {
    this.cancelHold();
    this.output.close();
  }

  private cancelHold(): void {
    if (this.holdTimer !== null) this.services.clock.clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }
}
