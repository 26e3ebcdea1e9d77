/**
 * The listeners of SPEC §2: Telnet and SSH CLIs, and per-port Telnet (SOCKET= or base+n) and SSH
 * (base+n) sockets. Port 0 turns a listener off; -1 (a CLI port or a base) listens on ephemeral
 * ports. The per-port Telnet sockets move live with `PORT n SET SOCKET=` (port-sockets.ts).
 */
import type { Logger } from '../logger.js';
import type { Config } from '../config/schema.js';
import type { Profile } from '../domain/profile.js';
import { parseLoginName } from '../protocol/login-name.js';
import { TelnetCodec } from '../protocol/telnet/index.js';
import type { Authenticator, LoginGate, LoginHandler } from '../transports/auth.js';
import { SshServer } from '../transports/ssh/ssh-server.js';
import { TelnetServer } from '../transports/telnet/telnet-server.js';
import type { InheritedListeners, ListenerHandle } from './inherited-listeners.js';
import { PortSockets } from './port-sockets.js';

export interface ListenerPorts {
  telnet: number;
  ssh: number;
  portTelnet: Record<string, number>;
  portSsh: Record<string, number>;
}

export interface Listeners {
  readonly ports: ListenerPorts;
  /** The per-port Telnet sockets (issue 12: SOCKET= moves them live). */
  readonly portSockets: PortSockets;
  /** A listener started elsewhere (the web port), for the SOCKET= clash check. */
  noteListener(port: number, name: string): void;
  /** Every listening socket now, named, for SERVER REBOOT's hand-over (issue 12). */
  handles(): ListenerHandle[];
  close(): Promise<void>;
}

interface Closable {
  close(): Promise<void>;
}

/** A CLI or SSH port listener, remembered by name for the hand-over. */
interface NamedListener extends Closable {
  readonly fd: number | null;
  readonly port: number;
}

export async function startListeners(opts: {
  config: Config; profile: Profile; hostKey: string; authenticator: Authenticator;
  onLogin: LoginHandler; logger: Logger;
  /** SPEC §9 CLI cap, checked by every listener before a password is hashed. */
  gate?: LoginGate;
  /** Port n's stored SOCKET= (null: the Telnet base + n). */
  portSocket?: (n: number) => number | null;
  /** Sockets handed over by the previous process (SERVER REBOOT, issue 12): listened on as they are. */
  inherited?: InheritedListeners;
}): Promise<Listeners> {
  const { config, profile } = opts;
  const loginTimeoutMs = config.loginTimeoutSeconds * 1000;
  const servers = new Map<string, NamedListener>();
  const inherited = (name: string, port: number): number | undefined => opts.inherited?.take(name, port);
  const ports: ListenerPorts = { telnet: 0, ssh: 0, portTelnet: {}, portSsh: {} };
  const telnetServer = (listenerName: string, port: number, fixedPort?: number): TelnetServer => new TelnetServer({
    host: config.bind, port, fd: inherited(listenerName, port), createCodec: () => new TelnetCodec(), authenticator: opts.authenticator,
    parseLoginName, onLogin: opts.onLogin, gate: opts.gate, listenerName, fixedPort, loginTimeoutMs, logger: opts.logger,
  });
  const telnet = async (listenerName: string, port: number): Promise<number> => {
    const server = telnetServer(listenerName, port);
    servers.set(listenerName, server);
    return server.listen();
  };
  const noted = new Map<number, string>();
  const others = (): Map<number, string> => {
    const out = new Map(noted);
    if (ports.telnet !== 0) out.set(ports.telnet, 'telnet-cli');
    if (ports.ssh !== 0) out.set(ports.ssh, 'ssh-cli');
    for (const [n, port] of Object.entries(ports.portSsh)) out.set(port, `ssh-port-${n}`);
    return out;
  };
  const portSockets = new PortSockets({
    base: config.portTelnetBase,
    create: (n, port) => telnetServer(`telnet-port-${n}`, port, n),
    others, published: ports.portTelnet, logger: opts.logger,
  });
  const ssh = async (listenerName: string, port: number, fixedPort?: number): Promise<number> => {
    const server = new SshServer({
      host: config.bind, port, fd: inherited(listenerName, port), hostKey: opts.hostKey, authenticator: opts.authenticator,
      parseLoginName, onLogin: opts.onLogin, gate: opts.gate, listenerName, fixedPort, loginTimeoutMs, logger: opts.logger,
    });
    servers.set(listenerName, server);
    return server.listen();
  };
  const close = async (): Promise<void> => {
    await Promise.allSettled([...[...servers.values()].map((s) => s.close()), portSockets.close()]);
  };
  const handles = (): ListenerHandle[] => [
    ...[...servers].flatMap(([name, s]) => (s.fd === null ? [] : [{ name, fd: s.fd, port: s.port }])),
    ...portSockets.handles(),
  ];
  try {
    if (config.telnetPort !== 0) ports.telnet = await telnet('telnet-cli', Math.max(0, config.telnetPort));
    if (config.sshPort !== 0) ports.ssh = await ssh('ssh-cli', Math.max(0, config.sshPort));
    for (let n = 1; n <= profile.ports; n++) {
      await portSockets.start(n, opts.portSocket?.(n) ?? null);
      if (config.portSshBase !== 0) {
        ports.portSsh[n] = await ssh(`ssh-port-${n}`, config.portSshBase < 0 ? 0 : config.portSshBase + n, n);
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { ports, portSockets, noteListener: (port, name) => { noted.set(port, name); }, handles, close };
}
