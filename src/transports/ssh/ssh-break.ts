/**
 * RFC 4335 `break` channel requests (OpenSSH sends one for the `~B` escape). ssh2 1.17 parses
 * them but has no event for them and answers them with failure, so this wraps the protocol's
 * CHANNEL_REQUEST handler of one connection: a `break` on a session channel becomes a `break`
 * event on that ssh2 Session object; every other request goes on to ssh2 untouched.
 *
 * This leans on ssh2 internals (`_protocol._handlers`, `_protocol.channelSuccess`, `_chanMgr`,
 * `_chanInfo`). When they are not shaped as expected nothing is wrapped, the result says which
 * one is missing, and the SSH server warns and tells each SSH user that breaks cannot be sent
 * (ssh-server.ts). Guards (issue 13): test/integration/ssh-break-guard.test.ts checks the patch
 * applies to a real ssh2 connection, and ssh-server.test.ts sends `~B` from real OpenSSH, so an
 * ssh2 upgrade that moves these internals fails the test run loudly.
 */
import type { EventEmitter } from 'node:events';
import type { Connection } from 'ssh2';

type ChannelRequestHandler = (
  protocol: unknown,
  recipient: number,
  type: string,
  wantReply: boolean,
  data: unknown,
) => void;

interface SshConnectionInternals {
  _protocol?: {
    _handlers?: { CHANNEL_REQUEST?: unknown };
    channelSuccess?: unknown;
  };
  _chanMgr?: { get?: unknown };
}

interface SessionInternals extends EventEmitter {
  _chanInfo?: { outgoing?: { id?: number } };
}

/** Whether break requests now reach the Session objects; if not, the internal that was missing. */
export type BreakInterception =
  | { readonly applied: true }
  | { readonly applied: false; readonly missing: string };

/** Wraps `connection`'s channel-request handler, or reports what stopped it (breaks stay refused). */
export function interceptBreakRequests(connection: Connection): BreakInterception {
  const internals = connection as unknown as SshConnectionInternals;
  const protocol = internals._protocol;
  if (typeof protocol !== 'object' || protocol === null) return missing('Connection._protocol');
  const handlers = protocol._handlers;
  if (typeof handlers !== 'object' || handlers === null) return missing('Protocol._handlers');
  const original = handlers.CHANNEL_REQUEST;
  if (typeof original !== 'function') return missing('Protocol._handlers.CHANNEL_REQUEST');
  const channelSuccess = protocol.channelSuccess;
  if (typeof channelSuccess !== 'function') return missing('Protocol.channelSuccess');
  const channels = internals._chanMgr;
  if (typeof channels !== 'object' || channels === null || typeof channels.get !== 'function') {
    return missing('Connection._chanMgr.get');
  }
  const passOn = original as ChannelRequestHandler;
  const lookUp = (id: number): unknown => (channels.get as (id: number) => unknown).call(channels, id);
  handlers.CHANNEL_REQUEST = (p: unknown, recipient: number, type: string, wantReply: boolean, data: unknown) => {
    if (type !== 'break') {
      passOn(p, recipient, type, wantReply, data);
      return;
    }
    const session = lookUp(recipient) as SessionInternals | undefined;
    const outgoing = session?._chanInfo?.outgoing?.id;
    if (session === undefined || typeof session.emit !== 'function' || outgoing === undefined) {
      passOn(p, recipient, type, wantReply, data);
      return;
    }
    if (wantReply) (channelSuccess as (id: number) => void).call(protocol, outgoing);
    session.emit('break');
  };
  return { applied: true };
}

function missing(what: string): BreakInterception {
  return { applied: false, missing: what };
}
