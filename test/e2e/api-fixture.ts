/**
 * The JSON API of a real daemon (SPEC §10): requests with Basic or bearer credentials, answers
 * parsed. Tests start the daemon with `{ web: true }` and read its web port from the ready file.
 */
import { ADMIN_PASSWORD, type DaemonProcess } from '../support/daemon.js';

export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body (null when there was none or it was not JSON). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
}

/** Credentials: `[user, password]` for Basic, a string for a bearer token, null for none. */
export type Credentials = readonly [string, string] | string | null;

export const ADMIN: Credentials = ['Admin', ADMIN_PASSWORD];

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function apiClient(daemon: DaemonProcess) {
  const base = `http://127.0.0.1:${daemon.ready.web}`;
  return async function call(method: string, path: string, options: { auth?: Credentials; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiReply> {
    const auth = options.auth === undefined ? ADMIN : options.auth;
    const headers: Record<string, string> = { ...options.headers };
    if (auth !== null) headers.authorization = typeof auth === 'string' ? `Bearer ${auth}` : basic(auth[0], auth[1]);
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = null;
    try { parsed = text === '' ? null : JSON.parse(text); } catch { parsed = null; }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}

/** Every log line at level error (50) or above. */
export function errorLogLines(daemon: DaemonProcess): string[] {
  return daemon.log().split('\n').filter((l) => /"level":(5\d|60)/.test(l));
}
