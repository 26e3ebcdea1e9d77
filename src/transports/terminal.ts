/**
 * What every way in (SSH channel, Telnet socket, control socket) looks like to the runtime once
 * its protocol is peeled off: a byte pipe to one human's terminal. Adapters authenticate and
 * adapt, nothing more (STYLE).
 */
import type { Notice } from '../domain/notices.js';

/** `web`: the browser terminal (SPEC §10); `api`: the JSON API (changes audited with it). */
export type AccessMethod = 'ssh' | 'telnet' | 'console' | 'web' | 'api';

/** Where a login came from, for the session information view (SPEC §5). */
export interface ClientInfo {
  readonly method: AccessMethod;
  /** Client IP address ('' for the control socket). */
  readonly address: string;
  readonly remotePort: number;
  /**
   * The TCP port the client connected to (SHOW USER's `Socket`, issue 12 item 6); absent where
   * there is none (the control socket).
   */
  readonly localPort?: number;
  /** Client host name: reverse lookup when available, otherwise the address. */
  readonly host: string;
  /** Listener it came in on, e.g. `telnet-cli`, `ssh-cli`, `telnet-port-3`, `ssh-port-3`, `console`. */
  readonly listener: string;
}

export interface TerminalEvents {
  /** Bytes the user typed (protocol framing already removed). */
  data: (chunk: Buffer) => void;
  /** Telnet IAC BRK or an SSH `break` request. */
  break: () => void;
  /** Window size changed (NAWS or SSH window-change). */
  resize: (columns: number, rows: number) => void;
  /** The output queue emptied after `write` returned false. */
  drain: () => void;
  /** The client went away or `close()` finished. Emitted once. */
  close: () => void;
}

/**
 * Contract: `write` never throws; after close it drops data. It returns false when the
 * transport's buffer is over its high-water mark; the caller then waits for `drain`
 * (the runtime's bounded queue decides what to drop). `close` is idempotent.
 */
export interface Terminal {
  readonly client: ClientInfo;
  write(data: Buffer | string): boolean;
  /** Bytes queued in the transport and not yet sent (for bounding slow clients). */
  readonly pendingBytes: number;
  on<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this;
  off<E extends keyof TerminalEvents>(event: E, listener: TerminalEvents[E]): this;
  close(): void;
  readonly closed: boolean;
  /**
   * Optional: told each SPEC §7 notice as data as it is written as text. The browser terminal
   * turns them into the CPAM connection statuses (SPEC §10); byte pipes need not implement it.
   */
  onNotice?(notice: Notice): void;
}
