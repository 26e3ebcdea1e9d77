import { describe, expect, it } from 'vitest';
import type { SessionsRow } from './session-queries.js';
import { filterRows, parseFilter, sessionRows, statusCell } from './sessions-table.js';

const IDLE: SessionsRow = {
  port: 2, name: null, status: 'Inactive', pendingFor: null, remainingSeconds: null, session: null,
  initiator: null, users: [], durationSeconds: null, access: null, exclusive: false,
};
const BUSY: SessionsRow = {
  port: 3, name: '<script>x</script>', status: 'Pending', pendingFor: 'approval', remainingSeconds: 25, session: 'S7',
  initiator: 'adm1', users: [{ user: 'adm1', mode: 'rw' }], durationSeconds: 3725, access: 'PRIVATE', exclusive: true,
};

describe('the Sessions rows', () => {
  it('render every column, escaping what users and admins named', async () => {
    const html = String(await sessionRows([IDLE, BUSY], { mayListen: true }));
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="/sessions/S7">S7</a>');
    expect(html).toContain('adm1(rw)');
    expect(html).toContain('01:02:05');
    expect(html).toContain('PRIVATE,EXCL');
    expect(html).toContain('href="/ports/3/terminal?mode=listen"');
    expect(html).toContain('<th scope="row" data-label="Port">2</th>');
  });

  it('offer Listen only to users who may (SMON)', async () => {
    const html = String(await sessionRows([IDLE], { mayListen: false }));
    expect(html).not.toContain('mode=listen');
    expect(html).toContain('href="/ports/2/terminal"');
  });

  it('show Pending with its seconds for the live countdown, in words and colour', async () => {
    expect(String(await statusCell(BUSY))).toBe(
      '<span class="status status-pending" data-remaining="25" data-why="approval">Pending (<span class="remaining">25</span> s left)</span>');
    expect(String(await statusCell(IDLE))).toBe('<span class="status status-inactive">Inactive</span>');
  });

  it('filter by status and port, ignoring nonsense in the query', () => {
    expect(filterRows([IDLE, BUSY], parseFilter('Pending', undefined)).map((r) => r.port)).toEqual([3]);
    expect(filterRows([IDLE, BUSY], parseFilter(undefined, '2')).map((r) => r.port)).toEqual([2]);
    expect(parseFilter('<b>', 'x1')).toEqual({ status: null, port: null });
  });
});
