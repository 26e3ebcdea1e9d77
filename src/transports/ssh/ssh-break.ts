/**
 * RFC 4335 `break` channel requests (OpenSSH sends one for the `~B` escape). ssh2 1.17 parses
 * them but has no event for them and answers them with failure, so this wraps the protocol's
 * CHANNEL_REQUEST handler of one connection: a `break` on a session channel becomes a `break`
 * event on that ssh2 Session object; every other request goes on to ssh2 untouched.
 *
 * This leans on ssh2 internals (`_protocol._handlers`, `_chanMgr`, `_chanInfo`); when they are
 * not shaped as expected nothing is wrapped and breaks are refused as before. The integration
 * test sends `~B` from real OpenSSH, so an ssh2 upgrade that moves them fails loudly there.
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
    _handlers?: { CHANNEL_REQUEST?: ChannelRequestHandler };
    channelSuccess?: (id: number) => void;
  };
  _chanMgr?: { get(id: number): unknown };
}

interface SessionInternals extends EventEmitter {
  _chanInfo?: { outgoing?: { id?: number } };
}

/** Returns false when ssh2's internals are not as expected (breaks stay refused). */
export function interceptBreakRequests(connection: Connection): boolean {
  const internals = connection as unknown as SshConnectionInternals;
  const protocol = internals._protocol;
  const handlers = protocol?._handlers;
  const original = handlers?.CHANNEL_REQUEST;
  const channels = internals._chanMgr;
  if (protocol === undefined || handlers === undefined || original === undefined || channels === undefined) {
    return false;
  }
  handlers.CHANNEL_REQUEST = (p, recipient, type, wantReply, data) => {
    if (type !== 'break') {
      original(p, recipient, type, wantReply, data);
      return;
    }
    const session = channels.get(recipient) as SessionInternals | undefined;
    const outgoing = session?._chanInfo?.outgoing?.id;
    if (session === undefined || typeof session.emit !== 'function' || outgoing === undefined) {
      original(p, recipient, type, wantReply, data);
      return;
    }
    if (wantReply) protocol.channelSuccess?.(outgoing);
    session.emit('break');
  };
  return true;
}
