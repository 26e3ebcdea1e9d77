/**
 * Issue 11, in Debian's chromium: two browsers and one OpenSSH client share a port, the share
 * queries answered Y in the browser terminal; End Session from the page disconnects the SSH user;
 * a plain user sees no End Session and the server refuses it anyway; a PRIVATE session refuses a
 * plain user's Connect.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshClient, type InteractiveClient } from '../support/clients.js';
import {
  closeAll, launchWithShareQueryDaemon, loggedIn, screenshot, typeInTerminal, waitForStatus, waitForTerminalText, type WebDaemon,
} from './browser-fixture.js';

let browser: Browser;
let web: WebDaemon;
/** One logged-in browser context per person, shared by the tests (logins cost a scrypt hash each). */
let admin: BrowserContext;
let plain: BrowserContext;
const clients: InteractiveClient[] = [];

beforeAll(async () => {
  [browser, web] = await launchWithShareQueryDaemon([
    { name: 'adm1', password: 'adm1-secret', access: 'ADMIN' },
    { name: 'usr1', password: 'usr1-secret' },
    { name: 'usr2', password: 'usr2-secret' },
  ]);
  [admin, plain] = await Promise.all([
    loggedIn(browser, web, 'adm1', 'adm1-secret').then((l) => l.context),
    loggedIn(browser, web, 'usr2', 'usr2-secret').then((l) => l.context),
  ]);
});

afterAll(() => closeAll(clients, browser, web));

/** The session id on a port, read from the Sessions page. */
async function sessionOf(page: Page, port: number): Promise<string> {
  await page.goto(`${web.base}/sessions?port=${port}`);
  const id = await page.locator(`#sessions-body tr[data-port="${port}"] td[data-label="Session"]`).textContent();
  expect(id).toMatch(/^S\d+$/);
  return id!;
}

describe('browser terminal sharing a port with OpenSSH (browser)', { timeout: 60_000 }, () => {
  let sessionId = '';

  it('two browsers and one ssh client share port 4; the originator answers Y in the browser', async () => {
    const so = { page: await admin.newPage() };
    await so.page.goto(`${web.base}/ports/4/terminal`);
    await waitForStatus(so.page, 'Connection Complete');
    await waitForTerminalText(so.page, 'Connection complete: port 4');

    const ssh = await sshClient({ port: web.sshPort, user: 'usr1:4', password: 'usr1-secret' });
    clients.push(ssh);
    await ssh.expect(/Waiting for adm1 to approve sharing of port 4/, 10_000);
    await waitForTerminalText(so.page, 'usr1 (USER) asks to share port 4. Allow? (Y/N)');
    await typeInTerminal(so.page, 'y');
    await ssh.expect(/Connection complete: port 4 \(CC-0D-00-P4\), shared with 1/, 10_000);

    const second = { page: await plain.newPage() };
    await second.page.goto(`${web.base}/ports/4/terminal`);
    await waitForStatus(second.page, 'Waiting for approval');
    await waitForTerminalText(so.page, 'usr2 (USER) asks to share port 4. Allow? (Y/N)');
    await typeInTerminal(so.page, 'Y');
    await waitForStatus(second.page, 'Connection Complete');

    // Keys typed over ssh reach the device, whose echo every connection sees.
    ssh.send('shared-by-three');
    await waitForTerminalText(so.page, 'shared-by-three');
    await waitForTerminalText(second.page, 'shared-by-three');
    await screenshot(so.page, 'terminal');

    sessionId = await sessionOf(so.page, 4);
    await so.page.goto(`${web.base}/sessions/${sessionId}`);
    await expect(so.page.getByRole('definition').filter({ hasText: 'web, ssh' }).count()).resolves.toBe(1);
    await screenshot(so.page, 'session-information');
    await so.page.goto(`${web.base}/sessions/${sessionId}/history`);
    await expect(so.page.locator('td[data-label="Event"]').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['created', 'share-requested', 'approved', 'joined']));
    await screenshot(so.page, 'session-history');
    await second.page.close();
    await so.page.goto(`${web.base}/ports`);
    await screenshot(so.page, 'ports');
    await so.page.close();
  });

  it('a plain user sees no End Session, and the server refuses the post anyway', async () => {
    const page = await plain.newPage();
    await page.goto(`${web.base}/sessions/${sessionId}`);
    await expect(page.getByRole('heading', { name: `Session Information: ${sessionId}` }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'End Session' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Session Access/ }).count()).resolves.toBe(0);
    // Post the form the page does not show, with this login's own valid CSRF token.
    const csrf = await page.locator('form.logout input[name="csrf"]').getAttribute('value');
    const answer = await page.evaluate(async ({ id, token }) => {
      const response = await fetch(`/sessions/${id}/end`, { method: 'POST', body: new URLSearchParams({ csrf: token }) });
      return { status: response.status, text: await response.text() };
    }, { id: sessionId, token: csrf! });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('ERR 04 - Insufficient privileges');
    const still = await web.daemon.exec('SHOW SESSIONS', true);
    expect((still.data as { port: number; session: string | null }[]).find((r) => r.port === 4)?.session).toBe(sessionId);
    await page.close();
  });

  it('a PRIVATE session refuses a plain user\'s Connect', async () => {
    const page = await admin.newPage();
    await page.goto(`${web.base}/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'Session Access: make PRIVATE' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Session access set to PRIVATE.');
    const refused = await plain.newPage();
    await refused.goto(`${web.base}/ports/4/terminal`);
    await waitForStatus(refused, 'Connection Failed');
    await waitForTerminalText(refused, /Port 4 in use by \w+/);
    await refused.close();
    await page.close();
  });

  it('End Session from the page disconnects the ssh user', async () => {
    const ssh = clients[0]!;
    const page = await admin.newPage();
    await page.goto(`${web.base}/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'End Session' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Session ended.');
    await ssh.expect(/Session ended by adm1/, 10_000);
    await ssh.waitExit(10_000);
    await expect(page.locator('dl.info .status').textContent()).resolves.toBe('Ended');
    await page.close();
  });
});
