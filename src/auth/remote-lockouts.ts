/**
 * Issue 15 / SPEC §9: lockout for names that are not in the local user table (users who exist
 * only on a RADIUS, LDAP or TACACS+ server). A local user's count lives in its row; a remote
 * name's lives here, in memory, bounded so a stream of invented names cannot grow it: beyond
 * `capacity` names the oldest entry is forgotten. Decided: these counts do not survive a
 * restart (an admin restarting the appliance has unlocked everyone anyway; `USER UNLOCK` works).
 */
import {
  afterFailure, CLEAR_LOCKOUT, isLocked, type LockoutPolicy, type LockoutState,
} from '../domain/lockout.js';

export const REMOTE_LOCKOUT_CAPACITY = 4096;

export class RemoteLockouts {
  private readonly states = new Map<string, LockoutState>();

  constructor(private readonly capacity = REMOTE_LOCKOUT_CAPACITY) {}

  get(name: string): LockoutState {
    return this.states.get(name) ?? CLEAR_LOCKOUT;
  }

  isLocked(name: string, now: number): boolean {
    return isLocked(this.get(name), now);
  }

  recordFailure(name: string, policy: LockoutPolicy, now: number): LockoutState {
    const next = afterFailure(this.get(name), policy, now);
    this.states.delete(name); // re-inserted last: Map order is age order
    if (next.failures > 0 || next.lockedUntil !== null) {
      this.states.set(name, next);
      if (this.states.size > this.capacity) {
        const oldest = this.states.keys().next().value as string;
        this.states.delete(oldest);
      }
    }
    return next;
  }

  /** A success or USER UNLOCK: false when nothing was recorded for the name. */
  clear(name: string): boolean {
    return this.states.delete(name);
  }

  get size(): number {
    return this.states.size;
  }
}
