/**
 * A port as the rest of the runtime uses it: the commands' `PortControl` plus what logins need
 * (a bounded output view, input to the device). Implemented over the port runtime.
 */
import type { PortControl } from '../cli/context.js';
import type { Terminal } from '../transports/terminal.js';
import type { PortOutput } from './login/login-services.js';

export interface PortHandle extends PortControl {
  /** The device is open and ready (SPEC §7 "device unavailable" otherwise). */
  readonly available: boolean;
  /** `onStalled`: the terminal stopped taking output for `outputStallSeconds` (cut it off). */
  openOutput(terminal: Terminal, onStalled?: () => void): PortOutput;
  write(data: Buffer): void;
  /** The port's session ended: with SERVER CLI HISTORY=CLEAR its history buffer is emptied. */
  sessionEnded(): void;
  stop(): Promise<void>;
}
