/**
 * The listeners of SPEC §2: Telnet and SSH CLIs, and per-port Telnet (base+n) and SSH (base+n)
 * sockets. Port 0 turns a listener off; -1 (a CLI port or a base) listens on ephemeral ports.
 */
import type { Logger } from '../logger.js';
import type { Config } from '../config/schema.js';
import type { Profile } from '../domain/profile.js';
import { parseLoginName } from '../protocol/login-name.js';
import { TelnetCodec } from '../protocol/telnet/index.js';
import type { Authenticator, LoginGate, LoginHandler } from '../transports/auth.js';
import { SshServer } from '../transports/ssh/ssh-server.js';
import { TelnetServer } from '../transports/telnet/telnet-server.js';

export interface ListenerPorts {
  telnet: number;
  ssh: number;
  portTelnet: Record<string, number>;
  portSsh: Record<string, number>;
}

export interface Listeners {
  readonly ports: ListenerPorts;
  close(): Promise<void>;
}

interface Closable {
  close(): Promise<void>;
}

export async function startListeners(opts: {
  config: Config; profile: Profile; hostKey: string; authenticator: Authenticator;
  onLogin: LoginHandler; logger: Logger;
  /** SPEC §9 CLI cap, checked by every listener before a password is hashed. */
  gate?: LoginGate;
}): Promise<Listeners> {
  const { config, profile } = opts;
  const loginTimeoutMs = config.loginTimeoutSeconds * 1000;
  const servers: Closable[] = [];
  const ports: ListenerPorts = { telnet: 0, ssh: 0, portTelnet: {}, portSsh: {} };
  const telnet = async (listenerName: string, port: number, fixedPort?: number): Promise<number> => {
    const server = new TelnetServer({
      host: config.bind, port, createCodec: () => new TelnetCodec(), authenticator: opts.authenticator,
      parseLoginName, onLogin: opts.onLogin, gate: opts.gate, listenerName, fixedPort, loginTimeoutMs, logger: opts.logger,
    });
    servers.push(server);
    return server.listen();
  };
  const ssh = async (listenerName: string, port: number, fixedPort?: number): Promise<number> => {
    const server = new SshServer({
      host: config.bind, port, hostKey: opts.hostKey, authenticator: opts.authenticator,
      parseLoginName, onLogin: opts.onLogin, gate: opts.gate, listenerName, fixedPort, loginTimeoutMs, logger: opts.logger,
    });
    servers.push(server);
    return server.listen();
  };
  const close = async (): Promise<void> => {
    await Promise.allSettled(servers.map((s) => s.close()));
  };
  try {
    if (config.telnetPort !== 0) ports.telnet = await telnet('telnet-cli', Math.max(0, config.telnetPort));
    if (config.sshPort !== 0) ports.ssh = await ssh('ssh-cli', Math.max(0, config.sshPort));
    for (let n = 1; n <= profile.ports; n++) {
      if (config.portTelnetBase !== 0) {
        ports.portTelnet[n] = await telnet(`telnet-port-${n}`, config.portTelnetBase < 0 ? 0 : config.portTelnetBase + n, n);
      }
      if (config.portSshBase !== 0) {
        ports.portSsh[n] = await ssh(`ssh-port-${n}`, config.portSshBase < 0 ? 0 : config.portSshBase + n, n);
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { ports, close };
}
