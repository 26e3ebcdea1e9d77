/**
 * Session Information (issue 11, the seed): `/sessions/{id}` with every CPAM field and each
 * connection; `/sessions/{id}/history`; and the actions End Session and Session Access, shown
 * only to the session's owner and administrators and refused by the server for anyone else (the
 * CLI's SESSION commands decide, whatever the page showed). Every form needs the CSRF token.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { accessText, formatDuration } from '../../cli/commands/session-view.js';
import type { WebLogin } from './cookie-sessions.js';
import { webClient, type ConsoleState, type PageContext, type PagesEnv } from './console-context.js';
import { messageBox, page, type Markup } from './layout.js';
import { requireLogin } from './require-login.js';
import type { SessionInfo } from './session-queries.js';
import { statusCell } from './sessions-table.js';

const DONE: Record<string, string> = {
  ended: 'Session ended.', PUBLIC: 'Session access set to PUBLIC.', PRIVATE: 'Session access set to PRIVATE.',
};

function notFound(c: PageContext, login: WebLogin, id: string) {
  return c.html(page({ title: 'No such session', login, current: 'sessions' },
    html`${messageBox('error', `No session ${id} on a port you may reach.`)}<p><a href="/sessions">Back to Sessions</a></p>`), 404);
}

function actions(info: SessionInfo, login: WebLogin, state: ConsoleState): Markup {
  const live = info.status !== 'Ended';
  const manage = live && state.mayManage(login.user, info.initiator);
  const other = info.access === 'PUBLIC' ? 'PRIVATE' : 'PUBLIC';
  return html`<h2>Actions</h2><div class="actions">
<a class="button" href="/sessions/${info.id}/history">View History</a>
${live ? html`<a class="button" href="/ports/${info.port}/terminal">Connect</a>` : ''}
${live && state.mayListen(login.user) ? html`<a class="button" href="/ports/${info.port}/terminal?mode=listen">Listen</a>` : ''}
<button type="button" class="copy-link" data-href="/sessions/${info.id}" hidden>Copy link</button>
${manage ? html`<form method="post" action="/sessions/${info.id}/access">
<input type="hidden" name="csrf" value="${login.csrf}"><input type="hidden" name="access" value="${other}">
<button type="submit">Session Access: make ${other}</button></form>
<form method="post" action="/sessions/${info.id}/end">
<input type="hidden" name="csrf" value="${login.csrf}">
<button class="danger" type="submit">End Session</button></form>` : ''}
</div>`;
}

function information(info: SessionInfo): Markup {
  const first = info.connections.find((c) => c.user === info.initiator) ?? info.connections[0];
  const methods = [...new Set(info.connections.map((c) => c.method))].join(', ') || '-';
  return html`<dl class="info">
<dt>Session</dt><dd>${info.id}</dd>
<dt>Port and name</dt><dd>${info.port} (${info.name ?? '-'})</dd>
<dt>Status</dt><dd>${info.status === 'Ended'
    ? html`<span class="status status-ended">Ended</span>${info.howEnded === null ? '' : ` (${info.howEnded})`}`
    : statusCell({ status: info.status, remainingSeconds: info.remainingSeconds, pendingFor: null })}</dd>
<dt>Initiated by</dt><dd>${info.initiator}</dd>
<dt>Date created</dt><dd><time datetime="${info.createdAt}">${info.createdAt}</time></dd>
${info.endedAt === null ? '' : html`<dt>Date ended</dt><dd><time datetime="${info.endedAt}">${info.endedAt}</time></dd>`}
<dt>Duration</dt><dd>${formatDuration(info.durationSeconds * 1000)}</dd>
<dt>Method</dt><dd>${methods}</dd>
<dt>Local host name</dt><dd>${first?.host || '-'}</dd>
<dt>IP address</dt><dd>${first?.address || '-'}</dd>
<dt>Session access</dt><dd>${accessText(info.access, info.exclusive)}</dd>
</dl>`;
}

function connections(info: SessionInfo): Markup {
  return html`<h2>Connections</h2><div class="table-wrap"><table class="cards">
<thead><tr><th scope="col">User</th><th scope="col">Method</th><th scope="col">Host name</th><th scope="col">IP address</th>
<th scope="col">Listener</th><th scope="col">Mode</th><th scope="col">Joined</th><th scope="col">Left</th></tr></thead>
<tbody>${info.connections.map((c) => html`<tr>
<th scope="row" data-label="User">${c.user}</th><td data-label="Method">${c.method}</td><td data-label="Host name">${c.host || '-'}</td>
<td data-label="IP address">${c.address || '-'}</td><td data-label="Listener">${c.listener || '-'}</td>
<td data-label="Mode">${c.exclusive ? `${c.mode}, exclusive` : c.mode}</td><td data-label="Joined">${c.joinedAt}</td><td data-label="Left">${c.leftAt ?? '-'}</td>
</tr>`)}</tbody></table></div>`;
}

export function sessionRoutes(app: Hono<PagesEnv>, state: ConsoleState): void {
  app.get('/sessions/:id', async (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return login;
    const id = c.req.param('id');
    const info = state.queries.session(login.user, webClient(c), id);
    if (info === null) return notFound(c, login, id);
    const done = DONE[c.req.query('done') ?? ''];
    const body = html`${done === undefined ? '' : messageBox('info', done)}
${information(info)}${actions(info, login, state)}${connections(info)}`;
    return c.html(page({ title: `Session Information: ${info.id}`, login, current: 'sessions', scripts: ['session-page.js'] }, body));
  });

  app.get('/sessions/:id/history', async (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return login;
    const id = c.req.param('id');
    const events = state.queries.history(login.user, webClient(c), id);
    if (events === null) return notFound(c, login, id);
    const body = html`<p><a href="/sessions/${id}">Back to Session Information</a></p>
<div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">User</th><th scope="col">Detail</th></tr></thead>
<tbody>${events.map((e) => html`<tr><th scope="row" data-label="Time"><time datetime="${e.at}">${e.at}</time></th>
<td data-label="Event">${e.event}</td><td data-label="User">${e.user || '-'}</td><td data-label="Detail">${e.detail ?? ''}</td></tr>`)}</tbody>
</table></div>`;
    return c.html(page({ title: `Session ${id} history`, login, current: 'sessions' }, body));
  });

  app.post('/sessions/:id/:action{end|access}', async (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return login;
    const form = await c.req.parseBody();
    const id = c.req.param('id');
    if (!state.csrfOk(login, form)) {
      return c.html(page({ title: 'Refused', login }, messageBox('error', 'Refused: the form token is missing or wrong.')), 403);
    }
    const client = webClient(c);
    const action = c.req.param('action');
    const access = form.access === 'PUBLIC' || form.access === 'PRIVATE' ? form.access : null;
    if (action === 'access' && access === null) {
      return c.html(page({ title: 'Refused', login }, messageBox('error', 'Access must be PUBLIC or PRIVATE.')), 422);
    }
    const result = action === 'end'
      ? state.queries.endSession(login.user, client, id)
      : state.queries.setAccess(login.user, client, id, access!);
    if (result.ok) return c.redirect(`/sessions/${id}?done=${action === 'end' ? 'ended' : access}`, 303);
    const status = result.code === 4 ? 403 : result.code === 8 ? 404 : 409;
    return c.html(page({ title: 'Refused', login, current: 'sessions' },
      html`${messageBox('error', result.message)}<p><a href="/sessions/${id}">Back to Session Information</a></p>`), status);
  });
}
