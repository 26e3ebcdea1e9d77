/**
 * The session broker's data: state in, commands in, state and effects out. Pure data, no I/O
 * (STYLE: policy returns effects as data). The runtime owns sockets, timers and the clock.
 */
import type { Level } from '../levels.js';
import type { Notice } from '../notices.js';
import type { Choice, PortShareSetting, SessionAccess, ShareMode } from '../share.js';

/** One login's port connection, or request for one. Allocated by the runtime, never reused. */
export type ConnectionId = number;

/** rw: may type to the device; listen: read-only monitor (SPEC §6 LISTEN), never SO. */
export type ConnectionMode = 'rw' | 'listen';

/** Who is asking: the identity the broker needs, nothing more. */
export interface Requester {
  readonly connectionId: ConnectionId;
  readonly user: string;
  readonly level: Level;
}

/** Someone acting on others (logout, end session, set access); not necessarily connected. */
export interface Actor {
  readonly user: string;
  readonly level: Level;
}

export interface PortConnection {
  readonly connectionId: ConnectionId;
  readonly user: string;
  readonly level: Level;
  readonly mode: ConnectionMode;
  readonly exclusive: boolean;
  /** Clock time (ms) the connection was granted; the order decides SO hand-off. */
  readonly joinedAt: number;
}

/**
 * A request waiting on a port until it is answered (SPEC §4 decided: it holds its place, counting
 * in the limits). `choosing`: RU was offered E/N/S/D. `awaiting-approval`: the SO was asked Y/N.
 * A pending request only exists on a port with at least one granted connection.
 */
export interface PendingRequest {
  readonly connectionId: ConnectionId;
  readonly user: string;
  readonly level: Level;
  readonly mode: ConnectionMode;
  readonly stage: 'choosing' | 'awaiting-approval';
  /** Offered keys while choosing. */
  readonly options: readonly Choice[];
  /** The SO's connection that was asked, while awaiting approval. */
  readonly askedOf: ConnectionId | null;
  /**
   * Clock time (ms) the request is decided by default: the SO's answer while awaiting approval
   * (time-out = no), the RU's key while choosing (time-out = D), so nobody can wedge a port.
   */
  readonly deadline: number;
  /**
   * False only for a choice offered on a full port or appliance (SPEC §9): it offers E, N, D
   * only, and E or N frees the port, so it needs no place of its own and is not counted.
   */
  readonly holdsPlace: boolean;
}

/** SPEC §5: a port session, from the first connection until the last leaves or it is ended. */
export interface PortSession {
  /** `S<n>`, never repeated (the runtime seeds the counter from the database). */
  readonly id: string;
  readonly initiator: string;
  readonly createdAt: number;
  readonly access: SessionAccess;
}

export interface PortState {
  readonly port: number;
  readonly share: PortShareSetting;
  /** Granted connections in the order they were granted: index 0 is the longest connected. */
  readonly connections: readonly PortConnection[];
  /** The SO: an rw connection of this port, or null when the port has no rw connection. */
  readonly originator: ConnectionId | null;
  readonly session: PortSession | null;
  /** Requests waiting, in the order they reached their current stage (the SO answers the oldest). */
  readonly pending: readonly PendingRequest[];
}

export interface BrokerLimits {
  readonly ports: number;
  readonly maxPerPort: number;
  readonly maxTotal: number;
}

export interface BrokerState {
  readonly limits: BrokerLimits;
  readonly serverShare: ShareMode;
  /** SPEC §4 decided: 30 s by default, `SERVER SHARE TIMEOUT=`. */
  readonly queryTimeoutMs: number;
  /** Next session number; ids are `S${n}`. */
  readonly nextSessionNumber: number;
  /** Index i holds port i + 1. */
  readonly ports: readonly PortState[];
}

export type BrokerCommand =
  /** CONNECT / LISTEN / direct login. `exclusive` from `E` at login or CONNECT n EXCLUSIVE. */
  | { readonly type: 'connect'; readonly requester: Requester; readonly port: number;
      readonly exclusive: boolean; readonly mode: ConnectionMode }
  /** RU's single-key answer to the choice dialogue. */
  | { readonly type: 'choose'; readonly connectionId: ConnectionId; readonly choice: Choice }
  /** The SO's Y/N: answers the oldest request awaiting this SO's approval. */
  | { readonly type: 'answer'; readonly connectionId: ConnectionId; readonly allow: boolean }
  /** The runtime's timer for a request's deadline fired (the broker ignores it if stale). */
  | { readonly type: 'queryTimedOut'; readonly connectionId: ConnectionId }
  /** A connection leaves its port or abandons its request (DISCONNECT, QUIT, socket closed). */
  | { readonly type: 'leave'; readonly connectionId: ConnectionId }
  /**
   * USER LOGOUT / USER DELETE: every connection and request of `user` ends; if one was its
   * port's SO, the whole port ends. Rights are checked by the caller.
   */
  | { readonly type: 'logoutUser'; readonly user: string; readonly by: Actor }
  /** SESSION id END or PORT n LOGOUT: every connection on the port ends. Rights are checked by the caller. */
  | { readonly type: 'endSession'; readonly port: number; readonly by: Actor }
  | { readonly type: 'setShareMode'; readonly port: number | null; readonly share: PortShareSetting }
  | { readonly type: 'setQueryTimeout'; readonly ms: number }
  /**
   * SESSION id SET ACCESS=. Rights (initiator or admin) are checked by the caller. `by` names the
   * actor in the session history (optional only so that older callers still compile).
   */
  | { readonly type: 'setAccess'; readonly port: number; readonly access: SessionAccess;
      readonly by?: Actor };

/** Events of SPEC §5 recorded in a session's history. */
export type SessionEventKind =
  | 'created' | 'joined' | 'left' | 'share-requested' | 'approved' | 'refused' | 'timed-out'
  | 'preempted' | 'originator-changed' | 'break-sent' | 'idle-timeout' | 'device-lost'
  | 'device-back' | 'ended-by' | 'access-changed' | 'ended'
  /** Issue 12: an SPC action on a power strip outlet (the runtime records it; the broker never does). */
  | 'power';

/** Why a connection was taken off its port. */
export type DetachReason = 'preempted' | 'session-ended' | 'logged-out' | 'left';

export type BrokerEffect =
  | { readonly type: 'notify'; readonly to: ConnectionId; readonly notice: Notice }
  /** Start piping the port to this connection. */
  | { readonly type: 'attach'; readonly connectionId: ConnectionId; readonly port: number;
      readonly mode: ConnectionMode; readonly exclusive: boolean }
  /** Stop piping; a connection that logged in straight to a port is then closed (SPEC §9). */
  | { readonly type: 'detach'; readonly connectionId: ConnectionId; readonly port: number;
      readonly reason: DetachReason }
  /** The request ended without a connection (refused, D, timed out, limit). */
  | { readonly type: 'refuse'; readonly connectionId: ConnectionId; readonly port: number }
  /** The connection must now read one key E/N/S/D from its user (the notice says which). */
  | { readonly type: 'awaitChoice'; readonly connectionId: ConnectionId; readonly options: readonly Choice[] }
  /** The SO's next Y or N answers the query (the notice was sent with `notify`). */
  | { readonly type: 'awaitAnswer'; readonly originator: ConnectionId; readonly requester: ConnectionId }
  /** The RU now waits for the SO; stop waiting for a choice key. */
  | { readonly type: 'awaitApproval'; readonly connectionId: ConnectionId }
  | { readonly type: 'startTimer'; readonly connectionId: ConnectionId; readonly deadline: number }
  | { readonly type: 'cancelTimer'; readonly connectionId: ConnectionId }
  | { readonly type: 'sessionStarted'; readonly port: number; readonly session: PortSession }
  | { readonly type: 'sessionEvent'; readonly sessionId: string; readonly port: number;
      readonly event: SessionEventKind; readonly user: string; readonly detail?: string }
  | { readonly type: 'sessionEnded'; readonly sessionId: string; readonly port: number; readonly how: string };

/** What happened to the command itself. */
export type BrokerOutcome =
  | 'connected' | 'choosing' | 'awaiting-approval' | 'refused' | 'done' | 'ignored';

export interface BrokerResult {
  readonly state: BrokerState;
  readonly effects: readonly BrokerEffect[];
  readonly outcome: BrokerOutcome;
}
