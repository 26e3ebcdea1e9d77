/**
 * The shell around the broker: holds its state, feeds it commands, and carries out the effects
 * it returns on real connections, ports, timers and the store. One per daemon.
 */
import { decide } from '../domain/broker/decide.js';
import { brokerInvariantViolations } from '../domain/broker/invariants.js';
import { initialBrokerState } from '../domain/broker/state.js';
import type {
  BrokerCommand, BrokerEffect, BrokerResult, BrokerState, ConnectionId, ConnectionMode,
} from '../domain/broker/types.js';
import type { Level } from '../domain/levels.js';
import type { Notice } from '../domain/notices.js';
import type { Profile } from '../domain/profile.js';
import type { Choice } from '../domain/share.js';
import type { Logger } from '../logger.js';
import type { Clock } from './clock.js';
import { QueryTimers } from './query-timers.js';

/**
 * What the appliance needs from a login to carry out broker effects on it. Implemented by
 * `LoginConnection`; the broker's connection ids map to one of these.
 */
export interface PortParticipant {
  readonly user: string;
  notify(notice: Notice): void;
  attached(link: PortLink): void;
  /** Taken off the port (preempted, ended, logged out, left). */
  detached(link: PortLink, reason: string): void;
  refused(port: number): void;
  awaitChoice(id: ConnectionId, options: readonly Choice[]): void;
  awaitApproval(id: ConnectionId): void;
  /** This login is SO and must answer a share query with its next Y or N. */
  awaitAnswer(originator: ConnectionId, requester: ConnectionId): void;
  /** The query for `requester` ended some other way (time-out, abandoned): stop waiting for Y/N. */
  questionWithdrawn(requester: ConnectionId): void;
}

/** A granted port connection as the runtime carries it out (the broker's `attach` effect). */
export interface PortLink {
  readonly id: ConnectionId;
  readonly port: number;
  readonly mode: ConnectionMode;
  readonly exclusive: boolean;
}

/** Side effects outside connections: storage, port history, logs. */
export interface SessionRecorder {
  sessionStarted(effect: Extract<BrokerEffect, { type: 'sessionStarted' }>, at: number): void;
  sessionEvent(effect: Extract<BrokerEffect, { type: 'sessionEvent' }>, at: number): void;
  sessionEnded(effect: Extract<BrokerEffect, { type: 'sessionEnded' }>, at: number): void;
  connectionAttached(id: ConnectionId, port: number, participant: PortParticipant, link: PortLink, at: number): void;
  connectionDetached(id: ConnectionId, port: number, at: number): void;
}

/** Thrown by `dispatch` in checking mode (`checkInvariants`) when the broker broke a rule. */
export class BrokerFault extends Error {}

/**
 * Contract: `dispatch` never re-enters the broker (commands raised by effects queue and run
 * after); a participant is forgotten once the broker detaches or refuses it, so later effects
 * for that id are dropped.
 *
 * A broker exception is a bug: it is logged at error level with the command. In checking mode
 * (`checkInvariants`, set by CCMD_CHECK_INVARIANTS=1 in the test and CI runs, issue 13) it is
 * thrown on as well, and after every step the broker's invariants (domain/broker/invariants.ts)
 * are checked: a broken one is an error-level log line and a `BrokerFault`. The e2e harness fails
 * a test on any error-level line. Outside checking mode the command is dropped and the state
 * kept, so a policy bug cannot take a production daemon down.
 */
export class Appliance {
  private state: BrokerState;
  private nextConnectionId = 1;
  private readonly participants = new Map<ConnectionId, PortParticipant>();
  private readonly links = new Map<ConnectionId, PortLink>();
  private readonly timers: QueryTimers;
  /** Open share queries: requester → the SO participant asked. */
  private readonly questions = new Map<ConnectionId, PortParticipant>();
  /** Effects raised while effects are being applied are queued, so dispatch never re-enters. */
  private readonly queue: BrokerCommand[] = [];
  private dispatching = false;
  private readonly checkInvariants: boolean;

  constructor(
    readonly profile: Profile,
    private readonly clock: Clock,
    private readonly recorder: SessionRecorder,
    private readonly logger: Logger,
    init: {
      nextSessionNumber: number; serverShare: BrokerState['serverShare']; queryTimeoutMs: number;
      /** Checking mode (see the contract above); default off. */
      checkInvariants?: boolean;
    },
  ) {
    this.checkInvariants = init.checkInvariants ?? false;
    this.state = initialBrokerState({
      limits: { ports: profile.ports, maxPerPort: profile.maxPerPort, maxTotal: profile.maxSessions },
      serverShare: init.serverShare,
      queryTimeoutMs: init.queryTimeoutMs,
      nextSessionNumber: init.nextSessionNumber,
    });
    this.timers = new QueryTimers(clock, (id) => this.dispatch({ type: 'queryTimedOut', connectionId: id }));
  }

  get brokerState(): BrokerState {
    return this.state;
  }

  /** A new broker connection id for a participant's request (never reused). */
  private register(participant: PortParticipant): ConnectionId {
    const id = this.nextConnectionId++;
    this.participants.set(id, participant);
    return id;
  }

  request(participant: PortParticipant, req: { port: number; exclusive: boolean; mode: ConnectionMode; level: Level }): ConnectionId {
    const id = this.register(participant);
    this.dispatch({
      type: 'connect',
      requester: { connectionId: id, user: participant.user, level: req.level },
      port: req.port, exclusive: req.exclusive, mode: req.mode,
    });
    return id;
  }

  /** Feeds one command to the broker and carries out its effects. Re-entrant calls queue. */
  dispatch(command: BrokerCommand): BrokerResult['outcome'] | 'queued' {
    if (this.dispatching) {
      this.queue.push(command);
      return 'queued';
    }
    this.dispatching = true;
    try {
      const outcome = this.step(command);
      while (this.queue.length > 0) this.step(this.queue.shift() as BrokerCommand);
      return outcome;
    } finally {
      this.dispatching = false;
    }
  }

  private step(command: BrokerCommand): BrokerResult['outcome'] {
    const now = this.clock.now();
    let result: BrokerResult;
    try {
      result = decide(this.state, command, now);
    } catch (err) {
      this.logger.error({ err, command }, 'broker threw on a command: command dropped');
      if (this.checkInvariants) throw err;
      return 'ignored';
    }
    this.state = result.state;
    for (const effect of result.effects) this.apply(effect, now);
    if (this.checkInvariants) this.checkState(command);
    return result.outcome;
  }

  private checkState(command: BrokerCommand): void {
    const violations = brokerInvariantViolations(this.state);
    if (violations.length === 0) return;
    this.logger.error({ violations, command }, 'broker invariant broken');
    throw new BrokerFault(`broker invariant broken after ${command.type}: ${violations.join('; ')}`);
  }

  private apply(effect: BrokerEffect, now: number): void {
    if (effect.type === 'attach' || effect.type === 'refuse') this.withdrawQuestion(effect.connectionId);
    switch (effect.type) {
      case 'notify':
        this.participants.get(effect.to)?.notify(effect.notice);
        return;
      case 'attach': {
        const link: PortLink = { id: effect.connectionId, port: effect.port, mode: effect.mode, exclusive: effect.exclusive };
        this.links.set(link.id, link);
        const participant = this.participants.get(link.id);
        if (participant === undefined) return;
        participant.attached(link);
        this.recorder.connectionAttached(link.id, link.port, participant, link, now);
        return;
      }
      case 'detach': {
        const link = this.links.get(effect.connectionId);
        this.links.delete(effect.connectionId);
        const participant = this.participants.get(effect.connectionId);
        this.participants.delete(effect.connectionId);
        this.recorder.connectionDetached(effect.connectionId, effect.port, now);
        if (link !== undefined) participant?.detached(link, effect.reason);
        return;
      }
      case 'refuse': {
        const participant = this.participants.get(effect.connectionId);
        this.participants.delete(effect.connectionId);
        participant?.refused(effect.port);
        return;
      }
      case 'awaitChoice':
        this.participants.get(effect.connectionId)?.awaitChoice(effect.connectionId, effect.options);
        return;
      case 'awaitApproval':
        this.participants.get(effect.connectionId)?.awaitApproval(effect.connectionId);
        return;
      case 'awaitAnswer': {
        const originator = this.participants.get(effect.originator);
        if (originator === undefined) return;
        this.questions.set(effect.requester, originator);
        originator.awaitAnswer(effect.originator, effect.requester);
        return;
      }
      case 'startTimer':
        this.timers.start(effect.connectionId, effect.deadline);
        return;
      case 'cancelTimer':
        this.timers.cancel(effect.connectionId);
        return;
      case 'sessionStarted':
        this.recorder.sessionStarted(effect, now);
        return;
      case 'sessionEvent':
        this.recorder.sessionEvent(effect, now);
        return;
      case 'sessionEnded':
        this.recorder.sessionEnded(effect, now);
        return;
    }
  }

  private withdrawQuestion(requester: ConnectionId): void {
    const asked = this.questions.get(requester);
    if (asked === undefined) return;
    this.questions.delete(requester);
    asked.questionWithdrawn(requester);
  }

  /** The connection leaves its port or abandons its request; forgets it afterwards. */
  leave(id: ConnectionId): void {
    this.dispatch({ type: 'leave', connectionId: id });
    this.participants.delete(id);
    this.links.delete(id);
  }

  /** Stops timers at shutdown. */
  stop(): void {
    this.timers.cancelAll();
  }
}
