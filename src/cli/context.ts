/**
 * What every appliance command sees (`run(ctx, args)`): who is asking, from where, the login's
 * own session controls, and the appliance's services. The runtime implements these; commands
 * never touch sockets.
 */
import type { Level } from '../domain/levels.js';
import type { AccessList } from '../domain/rights.js';
import type { Services } from '../services/index.js';
import type { Actor } from '../services/types.js';
import type { ClientInfo } from '../transports/terminal.js';
import type { CliContext } from './command.js';

/** The issuing login's own port controls. Absent for one-shot `ccmd exec` lines. */
export interface SessionControl {
  readonly port: number | null;
  /** CONNECT / LISTEN: rights, device and the broker decide; notices tell the user. */
  connect(port: number, exclusive: boolean, mode: 'rw' | 'listen'): void;
  /** RESUME: false when there is no port to go back to. */
  resume(): boolean;
  /** DISCONNECT: false when not connected. */
  disconnect(): boolean;
  quit(): void;
  /** PORT n HISTORY: hands the terminal to the history viewer until it quits. */
  viewHistory(port: number, history: Buffer, clear: (() => void) | null): void;
  /**
   * Prints `question` and reads one key, Y or N (any case; any other key repeats the question,
   * the Enter after the key is swallowed, SPEC §9). False when the login ends first.
   * SERVER REBOOT's confirmation (issue 12).
   */
  ask(question: string): Promise<boolean>;
  /**
   * Prints `prompt` and reads one line without echoing it (a password typed at a question, as
   * `USER ADD <name>` without PASSWORD= asks for one). Null when the user cancels (^C, ^D on an
   * empty line) or the login ends first.
   */
  askSecret(prompt: string): Promise<string | null>;
}

export type { LoginView, PortControl, PortStatusView } from '../services/runtime.js';

/**
 * One command line's world: who typed it, from where (it is the services' `Actor`), their own
 * session, and the appliance's services.
 */
export interface CommandContext extends CliContext, Actor {
  readonly user: string;
  readonly level: Level;
  readonly client: ClientInfo;
  readonly session: SessionControl | null;
  /** The rights the login began with (SHOW USER without a name); absent for one-shot lines. */
  readonly accessAtLogin?: AccessList;
  /** Every read and change goes through these (src/services): commands never touch the store. */
  readonly services: Services;
  /** Structured result for `--json` (SHOW commands). */
  data(value: unknown): void;
}
