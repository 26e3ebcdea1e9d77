/**
 * The CPAM Sessions list (issue 11): `/sessions` with filters by status and port, and
 * `/sessions/events`, a Server-Sent Events stream of the same rows whenever they change, so the
 * page updates live instead of "refresh your browser". Each update re-checks the login: a user
 * deleted or logged out stops getting rows at once.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { streamSSE } from 'hono/streaming';
import { getCookie } from 'hono/cookie';
import type { ClientInfo } from '../../transports/terminal.js';
import { SESSION_COOKIE } from './cookie-sessions.js';
import { webClient, type ConsoleState, type PagesEnv } from './console-context.js';
import { page, type Markup } from './layout.js';
import { requireLogin } from './require-login.js';
import { filterRows, parseFilter, sessionRows, sessionsTable, type SessionsFilter } from './sessions-table.js';

/** How often a live stream looks for changes (the broker has no change feed; this is cheap). */
const POLL_MS = 500;
/** A comment line this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

function filterForm(filter: SessionsFilter, ports: readonly number[]): Markup {
  const statuses = ['Active', 'Inactive', 'Pending'] as const;
  return html`<form class="filters" method="get" action="/sessions" role="search" aria-label="Filter sessions">
<div><label for="status">Status</label>
<select id="status" name="status"><option value="">Any</option>
${statuses.map((s) => html`<option value="${s}"${filter.status === s ? html` selected` : ''}>${s}</option>`)}
</select></div>
<div><label for="port">Port</label>
<select id="port" name="port"><option value="">Any</option>
${ports.map((n) => html`<option value="${n}"${filter.port === n ? html` selected` : ''}>${n}</option>`)}
</select></div>
<button type="submit">Filter</button>
</form>`;
}

async function rowsHtml(state: ConsoleState, user: string, client: ClientInfo, filter: SessionsFilter): Promise<string> {
  const rows = filterRows(state.queries.sessions(user, client), filter);
  return String(await sessionRows(rows, { mayListen: state.mayListen(user) }));
}

export function sessionsRoutes(app: Hono<PagesEnv>, state: ConsoleState): void {
  app.get('/sessions', async (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return login;
    const filter = parseFilter(c.req.query('status'), c.req.query('port'));
    const all = state.queries.sessions(login.user, webClient(c));
    const rows = filterRows(all, filter);
    const query = new URLSearchParams();
    if (filter.status !== null) query.set('status', filter.status);
    if (filter.port !== null) query.set('port', String(filter.port));
    const body = html`<p class="muted">Every port you may reach: Active (someone connected), Inactive (ready, nobody
connected), Pending (a request waits for an answer, or the device is being reopened).</p>
${filterForm(filter, all.map((r) => r.port))}
<div id="sessions-view" data-events="/sessions/events?${query.toString()}">
${sessionsTable(rows, { mayListen: state.mayListen(login.user) })}
</div>`;
    return c.html(page({ title: 'Sessions', login, current: 'sessions', scripts: ['sessions-page.js'] }, body));
  });

  app.get('/sessions/events', (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return c.body(null, 401);
    const filter = parseFilter(c.req.query('status'), c.req.query('port'));
    const token = getCookie(c, SESSION_COOKIE);
    const client = webClient(c);
    return streamSSE(c, async (stream) => {
      let last = '';
      let sinceSent = 0;
      let open = true;
      stream.onAbort(() => { open = false; });
      while (open && !stream.aborted) {
        const current = state.logins.get(token);
        if (current === null || !state.userExists(current.user)) {
          await stream.writeSSE({ event: 'logout', data: '/login' });
          return;
        }
        const rows = await rowsHtml(state, current.user, client, filter);
        if (rows !== last) {
          last = rows;
          sinceSent = 0;
          await stream.writeSSE({ event: 'rows', data: rows });
        } else if ((sinceSent += POLL_MS) >= KEEPALIVE_MS) {
          sinceSent = 0;
          await stream.write(': keep-alive\n\n');
        }
        await stream.sleep(POLL_MS);
      }
    });
  });
}
