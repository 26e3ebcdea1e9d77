/**
 * What a login needs from the rest of the daemon. The daemon implements it once; tests can
 * build one over real parts.
 */
import type { ExecuteResult } from '../../cli/registry.js';
import type { Level } from '../../domain/levels.js';
import type { Notice } from '../../domain/notices.js';
import type { AccessList } from '../../domain/rights.js';
import type { Terminal } from '../../transports/terminal.js';
import type { Appliance } from '../appliance.js';
import type { Clock } from '../clock.js';
import type { LoginConnection } from './login-connection.js';

/** A login's view of a port's output: bounded, and hidden while the user is in the CLI. */
export interface PortOutput {
  setVisible(visible: boolean): void;
  close(): void;
}

export interface LoginServices {
  readonly appliance: Appliance;
  readonly clock: Clock;
  readonly activeLogins: Set<LoginConnection>;
  renderNotice(notice: Notice): string;
  /** Port by number or name; null when there is none. */
  resolvePort(ref: number | string): number | null;
  /**
   * Why this user may not have this port now (SPEC §3 port access, the device), or null. LISTEN
   * needs the same access as CONNECT; its SMON right was checked by the registry.
   */
  portRefusal(user: string, port: number): Notice | null;
  levelOf(user: string): Level;
  /** The user's rights now (a login keeps those it began with for SHOW USER). */
  accessOf(user: string): AccessList;
  /** SPEC §6: the port's TIMEOUT, or SERVER CLI TIMEOUT when it is 0 (or for the CLI); 0 = never. */
  idleTimeoutMs(port: number | null): number;
  recordIdle(port: number, user: string): void;
  /** A login was cut off because its client stopped reading port output (for the daemon log). */
  outputStalled?(port: number, user: string): void;
  accessChar(port: number): number;
  /** `onStalled`: the terminal took no output for `outputStallSeconds` while some was queued. */
  openPortOutput(port: number, terminal: Terminal, onStalled?: () => void): PortOutput;
  writeToPort(port: number, data: Buffer): void;
  /** IAC BRK / SSH break / PORT n BREAK: checks the BREAK right; answers with text for the user. */
  sendBreak(port: number, user: string): Promise<string | null>;
  runCli(login: LoginConnection, line: string): Promise<ExecuteResult>;
}
