/**
 * The CPAM Sessions list as HTML rows (issue 11, SPEC §5/§9): one row per port the user may see,
 * status in words and colour, Pending with its time remaining, initiator, users with their mode,
 * duration, access, and the ways in from the row (details, connect, listen). The same function
 * renders the page and each live update (Server-Sent Events), so both always agree.
 */
import { html } from 'hono/html';
import { accessText, formatDuration, usersText } from '../../cli/commands/session-view.js';
import type { Markup } from './layout.js';
import type { SessionsRow } from './session-queries.js';

export type StatusFilter = 'Active' | 'Inactive' | 'Pending' | null;

export interface SessionsFilter {
  readonly status: StatusFilter;
  readonly port: number | null;
}

export function parseFilter(status: string | undefined, port: string | undefined): SessionsFilter {
  const s = status === 'Active' || status === 'Inactive' || status === 'Pending' ? status : null;
  const n = port !== undefined && /^[0-9]{1,3}$/.test(port) ? Number(port) : null;
  return { status: s, port: n };
}

export function filterRows(rows: readonly SessionsRow[], filter: SessionsFilter): SessionsRow[] {
  return rows.filter((r) => (filter.status === null || r.status === filter.status) && (filter.port === null || r.port === filter.port));
}

/** `Pending`, `Pending (25 s left)`: the seconds sit in `data-remaining` for the live countdown. */
export function statusCell(row: Pick<SessionsRow, 'status' | 'remainingSeconds' | 'pendingFor'>): Markup {
  const css = `status status-${row.status.toLowerCase()}`;
  if (row.status !== 'Pending' || row.remainingSeconds === null) return html`<span class="${css}">${row.status}</span>`;
  const why = row.pendingFor === 'device' ? 'device' : 'approval';
  return html`<span class="${css}" data-remaining="${row.remainingSeconds}" data-why="${why}">Pending (<span class="remaining">${row.remainingSeconds}</span> s left)</span>`;
}

export interface RowOptions {
  /** The user may LISTEN (SMON): offer read-only monitoring from the row. */
  readonly mayListen: boolean;
}

function rowMarkup(row: SessionsRow, options: RowOptions): Markup {
  const name = row.name ?? '-';
  const session = row.session === null ? html`-` : html`<a href="/sessions/${row.session}">${row.session}</a>`;
  return html`<tr data-port="${row.port}" data-status="${row.status}">
<th scope="row" data-label="Port">${row.port}</th>
<td data-label="Name">${name}</td>
<td data-label="Status">${statusCell(row)}</td>
<td data-label="Session">${session}</td>
<td data-label="Initiator">${row.initiator ?? '-'}</td>
<td data-label="Users">${usersText(row.users)}</td>
<td data-label="Duration">${row.durationSeconds === null ? '-' : formatDuration(row.durationSeconds * 1000)}</td>
<td data-label="Access">${row.access === null ? '-' : accessText(row.access, row.exclusive)}</td>
<td data-label="Join"><div class="actions">
<a class="button" href="/ports/${row.port}/terminal" aria-label="Connect to port ${row.port} read-write">Connect</a>
${options.mayListen ? html`<a class="button" href="/ports/${row.port}/terminal?mode=listen" aria-label="Listen to port ${row.port} read-only">Listen</a>` : ''}
${row.session === null ? '' : html`<button type="button" class="copy-link" data-href="/sessions/${row.session}" aria-label="Copy link to session ${row.session}" hidden>Copy link</button>`}
</div></td>
</tr>`;
}

export function sessionRows(rows: readonly SessionsRow[], options: RowOptions): Markup {
  if (rows.length === 0) return html`<tr><td colspan="9">No ports match.</td></tr>`;
  return html`${rows.map((row) => rowMarkup(row, options))}`;
}

export function sessionsTable(rows: readonly SessionsRow[], options: RowOptions): Markup {
  return html`<div class="table-wrap"><table class="cards" id="sessions">
<caption class="live" id="sessions-live">Updated when this page loaded.</caption>
<thead><tr>
<th scope="col">Port</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Session</th>
<th scope="col">Initiator</th><th scope="col">Users</th><th scope="col">Duration</th><th scope="col">Access</th><th scope="col">Join</th>
</tr></thead>
<tbody id="sessions-body">${sessionRows(rows, options)}</tbody>
</table></div>`;
}
