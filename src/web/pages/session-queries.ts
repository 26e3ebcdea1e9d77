/**
 * What the pages read and do about sessions, as one user (issue 11, issue 13). Every answer
 * comes from the session service (src/services/sessions.ts), the one the CLI's `SHOW SESSIONS`,
 * `SHOW SESSION <id> [HISTORY]`, `SESSION <id> END` / `SET ACCESS=` and the JSON API call, with the
 * user as the actor: the rights (docs/behaviour.md §3, §5: who sees which port, only the
 * initiator or an administrator ends a session), the refusals from the one ERR catalogue and the
 * audit are theirs, whatever a page shows or a form posts.
 */
import { errorLine } from '../../domain/errors.js';
import type { Actor, Services, SessionHistory, SessionInfo, SessionsRow } from '../../services/index.js';
import type { ClientInfo } from '../../transports/terminal.js';

export type { SessionInfo, SessionsRow } from '../../services/index.js';

export type HistoryEvent = SessionHistory['events'][number];

/** An action's answer: done, or refused with the catalogue's code and `ERR nn - text` line. */
export type ActionResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: number; readonly message: string };

export class SessionQueries {
  constructor(private readonly services: Services) {}

  /** One row per port the user may see (SHOW SESSIONS). */
  sessions(user: string, client: ClientInfo): SessionsRow[] {
    return this.services.sessions.list(this.actor(user, client));
  }

  /** The Session Information, or null when unknown or on a port the user may not see. */
  session(user: string, client: ClientInfo, id: string): SessionInfo | null {
    const found = this.services.sessions.info(this.actor(user, client), id);
    return found.ok ? found.session : null;
  }

  history(user: string, client: ClientInfo, id: string): readonly HistoryEvent[] | null {
    const found = this.services.sessions.history(this.actor(user, client), id);
    return found.ok ? found.history.events : null;
  }

  endSession(user: string, client: ClientInfo, id: string): ActionResult {
    return outcome(this.services.sessions.end(this.actor(user, client), id));
  }

  setAccess(user: string, client: ClientInfo, id: string, access: 'PUBLIC' | 'PRIVATE'): ActionResult {
    return outcome(this.services.sessions.setAccess(this.actor(user, client), id, access));
  }

  /** The user with the rights they hold now, from `web <address>` for the audit. */
  private actor(user: string, client: ClientInfo): Actor {
    return this.services.actor(user, { method: client.method, address: client.address });
  }
}

function outcome(result: { readonly ok: true } | { readonly ok: false; readonly error: Parameters<typeof errorLine>[0] }): ActionResult {
  return result.ok ? { ok: true } : { ok: false, code: result.error.code, message: errorLine(result.error) };
}
