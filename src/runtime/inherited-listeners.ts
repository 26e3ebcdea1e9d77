/**
 * Listening sockets handed from one daemon process to the next across SERVER REBOOT (issue 12
 * item 11, runtime/reboot.ts): the old process starts the new one with every listener's file
 * descriptor, so no listener ever closes and no port changes, ephemeral ones included. A client
 * that connects during the restart waits in the kernel's backlog and is served by the new process.
 *
 * The new process finds them in `CCMD_INHERITED_LISTENERS`: JSON `{ "<listener name>": { "fd": n,
 * "port": p } }` with the names the listeners log under (`telnet-cli`, `ssh-port-3`, `web`...).
 */
import { closeSync } from 'node:fs';

export const INHERITED_LISTENERS_ENV = 'CCMD_INHERITED_LISTENERS';

/** A listener to hand over: its name, its listening socket's descriptor and its TCP port. */
export interface ListenerHandle {
  readonly name: string;
  readonly fd: number;
  readonly port: number;
}

interface Inherited {
  readonly fd: number;
  readonly port: number;
}

export class InheritedListeners {
  private readonly unused: Map<string, Inherited>;

  constructor(entries: ReadonlyMap<string, Inherited> = new Map()) {
    this.unused = new Map(entries);
  }

  /** From the environment (and removed from it, so no process started later inherits a stale one). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): InheritedListeners {
    const text = env[INHERITED_LISTENERS_ENV];
    delete env[INHERITED_LISTENERS_ENV];
    return new InheritedListeners(parseInherited(text));
  }

  /** The environment value that hands `handles` over as descriptors `firstFd`, `firstFd + 1`... */
  static envValue(handles: readonly ListenerHandle[], firstFd: number): string {
    return JSON.stringify(Object.fromEntries(handles.map((h, i) => [h.name, { fd: firstFd + i, port: h.port }])));
  }

  /**
   * The descriptor to listen on for listener `name`, which would otherwise bind `port` (0: any):
   * only when the socket is on that port (a changed config binds anew). Each is taken once.
   */
  take(name: string, port: number): number | undefined {
    const found = this.unused.get(name);
    if (found === undefined || (port !== 0 && port !== found.port)) return undefined;
    this.unused.delete(name);
    return found.fd;
  }

  /** Closes the descriptors no listener took (a listener turned off since): their ports are freed. */
  closeUnused(): void {
    for (const { fd } of this.unused.values()) {
      try {
        closeSync(fd);
      } catch {
        // already closed: nothing held
      }
    }
    this.unused.clear();
  }
}

/** Malformed text means nothing inherited (the listeners bind as configured). */
export function parseInherited(text: string | undefined): Map<string, Inherited> {
  const out = new Map<string, Inherited>();
  if (text === undefined || text === '') return out;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return out;
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
      const { fd, port } = (entry ?? {}) as { fd?: unknown; port?: unknown };
      if (Number.isInteger(fd) && (fd as number) > 2 && Number.isInteger(port)) out.set(name, { fd: fd as number, port: port as number });
    }
  } catch {
    return new Map();
  }
  return out;
}
