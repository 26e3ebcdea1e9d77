/**
 * The frame of every page (issue 11): one stylesheet, the import map for the browser modules,
 * navigation, and a `<main>` landmark. Values go through hono's `html` tag, which escapes them.
 * No inline script but the import map (allowed by its hash in the CSP), no style attribute.
 */
import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Bare specifiers the client modules import, served from node_modules (no bundler). */
export const IMPORT_MAP = JSON.stringify({
  imports: { '@xterm/xterm': '/assets/vendor/xterm.mjs', '@xterm/addon-fit': '/assets/vendor/addon-fit.mjs' },
});

/** CSP source for the import map, the one inline script of the console. */
export const IMPORT_MAP_HASH = `'sha256-${createHash('sha256').update(IMPORT_MAP).digest('base64')}'`;

/**
 * Strict CSP: scripts and styles from this origin only (plus the import map's hash), no inline
 * style attributes, no framing, forms and sockets to this origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'self' ${IMPORT_MAP_HASH}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export interface PageFrame {
  readonly title: string;
  /** Logged-in user and the CSRF token for the log-out form; null on the login page. */
  readonly login: { readonly user: string; readonly csrf: string } | null;
  /** Which navigation entry is the current page. */
  readonly current?: 'sessions' | 'ports';
  /** Module scripts under /assets/app/ (compiled from web/client/). */
  readonly scripts?: readonly string[];
  /** Extra stylesheets (the terminal's). */
  readonly styles?: readonly string[];
}

function navLink(href: string, label: string, current: boolean): Markup {
  return current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`;
}

export function page(frame: PageFrame, body: Markup): Markup {
  const scripts = frame.scripts ?? [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ccmd</title>
<link rel="stylesheet" href="/assets/console.css">
${(frame.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${scripts.length > 0 ? html`<script type="importmap">${raw(IMPORT_MAP)}</script>` : ''}
${scripts.map((src) => html`<script type="module" src="/assets/app/${src}"></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<span class="brand">ccmd</span>
${frame.login === null ? '' : html`<nav aria-label="Main">
${navLink('/sessions', 'Sessions', frame.current === 'sessions')}
${navLink('/ports', 'Ports', frame.current === 'ports')}
</nav>
<form class="logout" method="post" action="/logout">
<input type="hidden" name="csrf" value="${frame.login.csrf}">
<span class="who">${frame.login.user}</span> <button type="submit">Log out</button>
</form>`}
</header>
<main id="main">
<h1>${frame.title}</h1>
${body}
</main>
</body>
</html>`;
}

/** A message box; `role=alert` for errors so screen readers announce it. */
export function messageBox(kind: 'error' | 'info', text: string): Markup {
  return kind === 'error'
    ? html`<p class="message error" role="alert">${text}</p>`
    : html`<p class="message info" role="status">${text}</p>`;
}
