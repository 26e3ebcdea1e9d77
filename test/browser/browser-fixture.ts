/**
 * What the browser tests share (issue 11): Debian's chromium driven by playwright-core (pinned;
 * it downloads nothing: `executablePath` is the system chromium, and `launch` gives it a fresh
 * temporary profile), the real daemon with its web listener on an ephemeral port, logging in
 * through the login form, and screenshots under `test-results/screenshots/`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { REPO, startDaemon, type DaemonOptions, type DaemonProcess } from '../support/daemon.js';
import { seededDataDir, type SeedOptions, type SeedUser } from '../support/users.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const SCREENSHOT_DIR = join(REPO, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WebDaemon {
  readonly daemon: DaemonProcess;
  /** `http://127.0.0.1:<web port>` */
  readonly base: string;
  /** The SSH CLI listener's port, for the OpenSSH client. */
  readonly sshPort: number;
}

export async function startWebDaemon(users: readonly SeedUser[], seed: SeedOptions = {}, options: DaemonOptions = {}): Promise<WebDaemon> {
  const dataDir = await seededDataDir(users, seed);
  const daemon = await startDaemon({ ...options, dataDir, web: true });
  expect(daemon.ready.web).toBeGreaterThan(0);
  return { daemon, base: `http://127.0.0.1:${daemon.ready.web}`, sshPort: daemon.ready.ssh };
}

/**
 * Chromium and a ccm850 daemon whose ports ask before sharing (SHARE=QUERY, 30 s to answer),
 * started together: the set-up of the share and live-sessions tests (issue 11).
 */
export function launchWithShareQueryDaemon(users: readonly SeedUser[]): Promise<[Browser, WebDaemon]> {
  return Promise.all([
    launchBrowser(),
    startWebDaemon(users, { server: { share: 'QUERY', queryTimeoutSeconds: 30 } }, { profile: 'ccm850' }),
  ]);
}

/** Ends what a test file started: its SSH clients, the browser, the daemon (each missing if set-up failed). */
export async function closeAll(clients: readonly InteractiveClient[], browser: Browser | undefined, web: WebDaemon | undefined): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
  await browser?.close();
  await web?.daemon.stop();
}

/** A browser context of its own (its own cookies: one logged-in person), logged in through the form. */
export async function loggedIn(browser: Browser, web: WebDaemon, user: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await logIn(page, web.base, user, password);
  return { context, page };
}

export async function logIn(page: Page, base: string, user: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(`${base}/sessions`), page.getByRole('button', { name: 'Log in' }).click()]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The CPAM connection status the terminal page shows, once it reads `status`. */
export async function waitForStatus(page: Page, status: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => page.locator('#conn-status').getAttribute('data-status'), { timeout }).toBe(status);
}

/** Everything the page's terminal has shown, as plain text (xterm's buffer). */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const term = (globalThis as unknown as { ccmdTerminal?: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } } } }).ccmdTerminal?.term;
    if (term === undefined) return '';
    const lines: string[] = [];
    const buffer = term.buffer.active;
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

export async function waitForTerminalText(page: Page, pattern: RegExp | string, timeout = 10_000): Promise<void> {
  await expect.poll(async () => {
    const text = await terminalText(page);
    return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  }, { timeout }).toBe(true);
}

/** Types into the page's terminal as a person would (keyboard events into xterm). */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('#terminal').click();
  await page.keyboard.type(text);
}
