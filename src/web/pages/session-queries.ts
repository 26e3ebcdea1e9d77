/**
 * What the pages read and do about sessions, as one user (issue 11). Every answer comes from the
 * same commands as the CLI's `SHOW SESSIONS --json`, `SHOW SESSION <id> [HISTORY]`,
 * `SESSION <id> END` and `SESSION <id> SET ACCESS=`, run as that user, so the rights (SPEC §3,
 * §5: who sees which port, only the initiator or an administrator ends a session) and the audit
 * are the CLI's, whatever a page shows or a form posts.
 */
import type { SessionsRow } from '../../cli/commands/show-sessions.js';
import type { SessionInfo } from '../../cli/commands/show-session.js';
import { cliError, errorLine } from '../../cli/errors.js';
import type { ExecuteResult } from '../../cli/registry.js';
import type { ClientInfo } from '../../transports/terminal.js';

export type { SessionsRow } from '../../cli/commands/show-sessions.js';
export type { SessionInfo } from '../../cli/commands/show-session.js';

export interface HistoryEvent {
  readonly at: string;
  readonly event: string;
  readonly user: string;
  readonly detail: string | null;
}

/** Runs one CLI line as a user (`ApplianceCli.execAs`). */
export type LineRunner = (user: string, client: ClientInfo, line: string) =>
  Promise<{ result: ExecuteResult; output: string[]; data: unknown }>;

/** An action's answer: done (with the CLI's confirmation), or refused with the ERR code. */
export type ActionResult =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly code: number; readonly message: string };

/** `S<n>`; anything else is refused before it reaches a command line. */
const SESSION_ID = /^S[0-9]{1,15}$/;

export function isSessionId(text: string): boolean {
  return SESSION_ID.test(text);
}

export class SessionQueries {
  constructor(private readonly run: LineRunner) {}

  /** One row per port the user may see (SPEC §9 SHOW SESSIONS). */
  async sessions(user: string, client: ClientInfo): Promise<SessionsRow[]> {
    const { result, data } = await this.run(user, client, 'SHOW SESSIONS');
    return result.ok && Array.isArray(data) ? (data as SessionsRow[]) : [];
  }

  /** The Session Information, or null when unknown or on a port the user may not see. */
  async session(user: string, client: ClientInfo, id: string): Promise<SessionInfo | null> {
    if (!isSessionId(id)) return null;
    const { result, data } = await this.run(user, client, `SHOW SESSION ${id}`);
    return result.ok ? (data as SessionInfo) : null;
  }

  async history(user: string, client: ClientInfo, id: string): Promise<HistoryEvent[] | null> {
    if (!isSessionId(id)) return null;
    const { result, data } = await this.run(user, client, `SHOW SESSION ${id} HISTORY`);
    return result.ok ? (data as { events: HistoryEvent[] }).events : null;
  }

  endSession(user: string, client: ClientInfo, id: string): Promise<ActionResult> {
    return this.action(user, client, id, 'END');
  }

  setAccess(user: string, client: ClientInfo, id: string, access: 'PUBLIC' | 'PRIVATE'): Promise<ActionResult> {
    return this.action(user, client, id, `SET ACCESS=${access}`);
  }

  private async action(user: string, client: ClientInfo, id: string, what: string): Promise<ActionResult> {
    if (!isSessionId(id)) {
      const unknown = cliError('noSuchSession');
      return { ok: false, code: unknown.code, message: errorLine(unknown) };
    }
    const { result, output } = await this.run(user, client, `SESSION ${id} ${what}`);
    if (result.ok) return { ok: true, message: output.join(' ') };
    return { ok: false, code: result.error.code, message: errorLine(result.error) };
  }
}
