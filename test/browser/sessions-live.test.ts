/**
 * Issue 11, in Debian's chromium: log in; the Sessions page shows a session an OpenSSH client
 * opens (and its end) live, without a reload; a Pending row counts down while a share query
 * waits for the originator's answer.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshClient, type InteractiveClient } from '../support/clients.js';
import { ADMIN_PASSWORD } from '../support/daemon.js';
import { closeAll, launchWithShareQueryDaemon, loggedIn, logIn, screenshot, type WebDaemon } from './browser-fixture.js';

let browser: Browser;
let web: WebDaemon;
/** Admin's logged-in context, shared by the tests (each login costs a scrypt hash). */
let admin: BrowserContext;
const clients: InteractiveClient[] = [];

beforeAll(async () => {
  [browser, web] = await launchWithShareQueryDaemon([
    { name: 'adm1', password: 'adm1-secret', access: 'ADMIN' },
    { name: 'usr1', password: 'usr1-secret' },
  ]);
  admin = (await loggedIn(browser, web, 'Admin', ADMIN_PASSWORD)).context;
});

afterAll(() => closeAll(clients, browser, web));

function row(page: Page, port: number) {
  return page.locator(`#sessions-body tr[data-port="${port}"]`);
}

async function ssh(user: string, password: string, expectText: RegExp): Promise<InteractiveClient> {
  const client = await sshClient({ port: web.sshPort, user, password });
  clients.push(client);
  await client.expect(expectText, 10_000);
  return client;
}

describe('Sessions page (browser)', { timeout: 60_000 }, () => {
  it('refuses the pages before login and comes back to the page asked for after it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.base}/sessions?status=Active`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login');
    await page.getByLabel('User name').fill('Admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Login incorrect');
    await context.close();
  });

  it('shows a session an OpenSSH client opens, and its end, live without a reload', async () => {
    const page = await admin.newPage();
    await page.goto(`${web.base}/sessions`);
    await expect.poll(() => page.locator('#sessions-live').textContent()).toMatch(/^Live/);
    await page.evaluate(() => { (globalThis as unknown as { notReloaded: boolean }).notReloaded = true; });
    await expect(row(page, 2).getAttribute('data-status')).resolves.toBe('Inactive');

    const client = await ssh('usr1:2', 'usr1-secret', /Connection complete: port 2/);
    await expect.poll(() => row(page, 2).getAttribute('data-status'), { timeout: 5000 }).toBe('Active');
    await expect(row(page, 2).locator('td[data-label="Users"]').textContent()).resolves.toBe('usr1(rw)');
    await expect(row(page, 2).locator('td[data-label="Initiator"]').textContent()).resolves.toBe('usr1');
    await expect(row(page, 2).locator('td[data-label="Access"]').textContent()).resolves.toBe('PUBLIC');
    await screenshot(page, 'sessions');
    // The same page on a phone: rows become labelled cards.
    await page.setViewportSize({ width: 390, height: 844 });
    // The resize reaches the page's layout a little later: wait for the media query to apply.
    await expect.poll(() => row(page, 2).locator('td[data-label="Users"]').evaluate((cell) =>
      (globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }).getComputedStyle(cell, '::before').content)).toBe('"Users"');
    await screenshot(page, 'sessions-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    client.send('\x04QUIT\r');
    await client.waitExit(10_000);
    await expect.poll(() => row(page, 2).getAttribute('data-status'), { timeout: 5000 }).toBe('Inactive');
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.close();
  });

  it('counts a Pending row down while a share query waits for the originator', async () => {
    const page = await admin.newPage();
    await page.goto(`${web.base}/sessions`);
    const originator = await ssh('adm1:3', 'adm1-secret', /Connection complete: port 3/);
    const requester = await sshClient({ port: web.sshPort, user: 'usr1:3', password: 'usr1-secret' });
    clients.push(requester);
    await originator.expect(/usr1 \(USER\) asks to share port 3/, 10_000);
    const remaining = row(page, 3).locator('.remaining');
    await expect.poll(() => row(page, 3).getAttribute('data-status'), { timeout: 5000 }).toBe('Pending');
    const first = Number(await remaining.textContent());
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThanOrEqual(30);
    await expect.poll(async () => Number(await remaining.textContent()), { timeout: 5000 }).toBeLessThanOrEqual(first - 2);
    await expect(row(page, 3).locator('.status').textContent()).resolves.toMatch(/^Pending \(\d+ s left\)$/);
    await screenshot(page, 'sessions-pending');

    originator.send('y');
    await requester.expect(/Connection complete: port 3/, 10_000);
    await expect.poll(() => row(page, 3).getAttribute('data-status'), { timeout: 5000 }).toBe('Active');
    await expect(row(page, 3).locator('td[data-label="Users"]').textContent()).resolves.toBe('adm1(rw),usr1(shared)');
    await page.close();
  });

  it('filters by status and port without JavaScript (a plain GET form)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, web.base, 'Admin', ADMIN_PASSWORD);
    await page.getByLabel('Status').selectOption('Active');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=Active/);
    const ports = await page.locator('#sessions-body tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-port')));
    expect(ports).toEqual(['3']);
    await page.goto(`${web.base}/sessions?port=5`);
    await expect(page.locator('#sessions-body tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).resolves.toEqual(['Inactive']);
    await context.close();
  });
});
