/**
 * Runs CLI lines for logins and for the control socket: builds the registry from the command
 * list (cli/commands/index.ts) and each line's `CommandContext`.
 */
import { APPLIANCE_COMMANDS } from '../cli/commands/index.js';
import type { CommandContext, SessionControl } from '../cli/context.js';
import { formatCliError } from '../cli/errors.js';
import { maskSecrets } from '../cli/mask-secrets.js';
import { CommandRegistry, type ExecuteResult } from '../cli/registry.js';
import { cliError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import { hasRight, levelOf } from '../domain/rights.js';
import type { ExecReply } from '../transports/control-protocol.js';
import type { ClientInfo } from '../transports/terminal.js';
import { CONSOLE_USER, type CliRunner, type DaemonServices } from './daemon-services.js';
import type { LoginConnection } from './login/login-connection.js';

const CONSOLE_CLIENT: ClientInfo = { method: 'console', address: '', remotePort: 0, host: 'localhost', listener: 'console' };

export class ApplianceCli implements CliRunner {
  readonly registry: CommandRegistry<CommandContext>;

  constructor(private readonly services: DaemonServices, private readonly logger: Logger) {
    this.registry = new CommandRegistry<CommandContext>(APPLIANCE_COMMANDS);
  }

  run(login: LoginConnection, line: string): Promise<ExecuteResult> {
    const ctx = { ...this.context(login.user, login.terminal.client, login, (text) => login.print(text), () => undefined),
      accessAtLogin: login.accessAtLogin };
    return this.execute(ctx, line);
  }

  /** `ccmd exec "<line>"`: one line as the console, output captured. */
  async exec(line: string, json: boolean): Promise<ExecReply> {
    const output: string[] = [];
    let data: unknown;
    const ctx = this.context(CONSOLE_USER, CONSOLE_CLIENT, null, (text) => output.push(text), (value) => { data = value; });
    const result = await this.execute(ctx, line);
    if (!result.ok) output.push(...result.lines);
    const reply: ExecReply = { status: result.ok ? 0 : 1, output: output.join('\n') };
    return json && data !== undefined ? { ...reply, data } : reply;
  }

  /**
   * A command that throws is a bug: it is logged at error level (with passwords masked) and the
   * user gets `ERR 21 - Internal error` from the catalogue; the login and the daemon carry on.
   */
  private async execute(ctx: CommandContext, line: string): Promise<ExecuteResult> {
    try {
      return await this.registry.execute(ctx, line);
    } catch (err) {
      const masked = maskSecrets(line);
      this.logger.error({ err, line: masked, user: ctx.user }, 'command failed');
      const error = cliError('internalError');
      return { ok: false, error, lines: formatCliError(masked, null, error) };
    }
  }

  /**
   * One line as `user` from `client`, with no terminal of its own (the web console's reads and
   * actions, issue 11): the same registry, rights and audit as a CLI login; output and data captured.
   */
  async execAs(user: string, client: ClientInfo, line: string): Promise<{ result: ExecuteResult; output: string[]; data: unknown }> {
    const output: string[] = [];
    let data: unknown;
    const ctx = this.context(user, client, null, (text) => output.push(text), (value) => { data = value; });
    const result = await this.execute(ctx, line);
    return { result, output, data };
  }

  private context(user: string, client: ClientInfo, session: SessionControl | null,
    print: (line: string) => void, data: (value: unknown) => void): CommandContext {
    const access = this.services.accessOf(user);
    return {
      user, client, session, services: this.services.services,
      level: levelOf(access),
      hasRight: (right) => hasRight(access, right),
      print, data,
    };
  }
}
