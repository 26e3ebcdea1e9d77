/**
 * The browser terminal's wire (issue 11), shared by the server (`transports/web/web-terminal.ts`)
 * and the page (`web/client/terminal.ts`); it imports nothing so both tsconfigs can compile it.
 *
 * - Binary frames carry terminal bytes, both ways, untouched: 0x00-0xFF round-trip.
 * - Text frames carry one JSON control message each (below). Anything else is ignored.
 */

/** The connection statuses of the CPAM seed, shown to the user in words (SPEC §10). */
export type ConnectionStatus =
  | 'Connecting'
  | 'Waiting for approval'
  | 'Insufficient Privileges'
  | 'Failed to Connect to Service'
  | 'Connection Failed'
  | 'Connection Complete'
  | 'Connection Disconnected';

/** Page → server. */
export type ClientMessage =
  | { readonly type: 'resize'; readonly cols: number; readonly rows: number }
  | { readonly type: 'break' };

/** Server → page. `text` is the notice that set the status, as the terminal shows it. */
export type ServerMessage = { readonly type: 'status'; readonly status: ConnectionStatus; readonly text: string };

/** WebSocket close code for "the login ended on purpose": the page must not reconnect. */
export const CLOSE_LOGIN_ENDED = 4000;
/** WebSocket close code for "refused before the login began" (rights, unknown port). */
export const CLOSE_REFUSED = 4003;

const MAX_DIMENSION = 1000;

/** A control message from the page, or null for anything malformed (never throws). */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type === 'break') return { type: 'break' };
  if (message.type === 'resize') {
    const { cols, rows } = message;
    if (!isDimension(cols) || !isDimension(rows)) return null;
    return { type: 'resize', cols, rows };
  }
  return null;
}

function isDimension(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_DIMENSION;
}

/**
 * Which CPAM status a SPEC §7 notice (by its kind) puts the browser connection in; null for
 * notices that leave it as it is (joined, left, new originator, device lost/back, query to the SO).
 * Decided: the device being unavailable is "Failed to Connect to Service" (the service behind the
 * port); every other refusal is "Connection Failed".
 */
export function statusOfNotice(kind: string): ConnectionStatus | null {
  switch (kind) {
    case 'connected':
      return 'Connection Complete';
    case 'insufficientPrivileges':
      return 'Insufficient Privileges';
    case 'deviceUnavailable':
      return 'Failed to Connect to Service';
    case 'portInUse':
    case 'shareRefused':
    case 'shareTimedOut':
    case 'portLimit':
    case 'applianceLimit':
      return 'Connection Failed';
    case 'waitingForApproval':
      return 'Waiting for approval';
    case 'preempted':
    case 'loggedOut':
    case 'sessionEnded':
    case 'inactivity':
    case 'disconnected':
      return 'Connection Disconnected';
    default:
      return null;
  }
}
