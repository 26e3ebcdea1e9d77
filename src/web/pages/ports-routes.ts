/**
 * `/ports` (every port the user may reach, with the ways in) and `/ports/{n}/terminal`, the
 * Connect page: a browser terminal (xterm.js) over a WebSocket that is a login with method `web`
 * through the broker (issue 11; the socket side is `terminal-socket.ts`).
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { webClient, type ConsoleState, type PagesEnv } from './console-context.js';
import { messageBox, page } from './layout.js';
import { requireLogin } from './require-login.js';
import { statusCell } from './sessions-table.js';

export type TerminalMode = 'rw' | 'listen';

export function terminalMode(text: string | undefined): TerminalMode {
  return text === 'listen' ? 'listen' : 'rw';
}

export function portsRoutes(app: Hono<PagesEnv>, state: ConsoleState): void {
  app.get('/ports', async (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return login;
    const rows = state.queries.sessions(login.user, webClient(c));
    const listen = state.mayListen(login.user);
    const body = html`<div class="table-wrap"><table class="cards" id="ports">
<thead><tr><th scope="col">Port</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Connect</th></tr></thead>
<tbody>${rows.map((r) => html`<tr>
<th scope="row" data-label="Port">${r.port}</th><td data-label="Name">${r.name ?? '-'}</td><td data-label="Status">${statusCell(r)}</td>
<td data-label="Connect"><div class="actions">
<a class="button" href="/ports/${r.port}/terminal">Connect</a>
<a class="button" href="/ports/${r.port}/terminal?exclusive=1">Exclusive</a>
${listen ? html`<a class="button" href="/ports/${r.port}/terminal?mode=listen">Listen</a>` : ''}
</div></td></tr>`)}</tbody></table></div>`;
    return c.html(page({ title: 'Ports', login, current: 'ports' }, body));
  });

  app.get('/ports/:n{[0-9]+}/terminal', (c) => {
    const login = requireLogin(c, state);
    if (login instanceof Response) return login;
    const port = Number(c.req.param('n'));
    const { services } = state.deps;
    if (port < 1 || port > services.profile.ports) {
      return c.html(page({ title: 'No such port', login, current: 'ports' }, messageBox('error', `No port ${port}.`)), 404);
    }
    const mode = terminalMode(c.req.query('mode'));
    const exclusive = mode === 'rw' && c.req.query('exclusive') === '1';
    const socket = `/ports/${port}/terminal/socket?mode=${mode}${exclusive ? '&exclusive=1' : ''}`;
    const name = services.portSettings(port).name;
    const what = mode === 'listen' ? 'Listen (read-only)' : exclusive ? 'Connect (exclusive)' : 'Connect';
    const body = html`<div class="terminal-bar">
<span>${what}</span>
<span>Status: <span class="conn-status" id="conn-status" role="status" aria-live="polite">Connecting</span></span>
<button type="button" id="send-break" ${mode === 'listen' ? 'disabled' : ''}>Send Break</button>
<button type="button" id="reconnect" hidden>Connect again</button>
<a href="/sessions">Back to Sessions</a>
</div>
<noscript>${messageBox('error', 'The browser terminal needs JavaScript. Without it, use ssh or telnet to this appliance.')}</noscript>
<div id="terminal" data-socket="${socket}" aria-label="Terminal for port ${port}"></div>`;
    return c.html(page({
      title: `Port ${port}${name === null ? '' : ` (${name})`}`, login, current: 'ports',
      scripts: ['terminal-page.js'], styles: ['/assets/vendor/xterm.css'],
    }, body));
  });
}
