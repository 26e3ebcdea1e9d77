/**
 * Login lockout, SPEC §9: `threshold` failed network logins in a row lock the user for
 * `hours` hours (`SERVER SECURITY LOCKOUT=<hours>`, default 1, 0 = off). A success resets the
 * count; the lock ends when its time passes or on `USER UNLOCK`. Pure: `now` is an argument
 * (ms since the epoch). The control socket never reaches this (SPEC §9).
 */

export interface LockoutState {
  /** Failed logins in a row since the last success, unlock or expired lock. */
  readonly failures: number;
  /** Clock time (ms) the lock ends; null when not locked. */
  readonly lockedUntil: number | null;
}

export interface LockoutPolicy {
  readonly threshold: number;
  /** 0 turns lockout off. */
  readonly hours: number;
}

export const DEFAULT_LOCKOUT_THRESHOLD = 5;
export const DEFAULT_LOCKOUT_HOURS = 1;
/** The manual's range for LOCKOUT=: 1-99 hours (0 = off). */
export const MAX_LOCKOUT_HOURS = 99;
export const CLEAR_LOCKOUT: LockoutState = { failures: 0, lockedUntil: null };

const HOUR_MS = 3_600_000;

export function lockoutPolicy(hours: number, threshold = DEFAULT_LOCKOUT_THRESHOLD): LockoutPolicy {
  return { threshold, hours };
}

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** Milliseconds until the lock ends (0 when not locked), for SHOW USER. */
export function lockRemainingMs(state: LockoutState, now: number): number {
  return isLocked(state, now) ? (state.lockedUntil as number) - now : 0;
}

/**
 * After a failed login. An expired lock starts a fresh count. While locked, attempts are refused
 * before any password is checked and change nothing (the lock is not extended). With lockout
 * off nothing is counted (decided: turning lockout on later does not punish old failures).
 */
export function afterFailure(state: LockoutState, policy: LockoutPolicy, now: number): LockoutState {
  if (isLocked(state, now)) return state;
  if (policy.hours <= 0) return CLEAR_LOCKOUT;
  const failures = (state.lockedUntil === null ? state.failures : 0) + 1;
  if (failures >= policy.threshold) return { failures, lockedUntil: now + policy.hours * HOUR_MS };
  return { failures, lockedUntil: null };
}

/** After a successful login; also what USER UNLOCK sets. */
export function afterSuccess(): LockoutState {
  return CLEAR_LOCKOUT;
}

export function unlock(): LockoutState {
  return CLEAR_LOCKOUT;
}
