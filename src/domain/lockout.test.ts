import { describe, expect, it } from 'vitest';
import {
  afterFailure, afterSuccess, CLEAR_LOCKOUT, isLocked, lockoutPolicy, lockRemainingMs, unlock, type LockoutState,
} from './lockout.js';

const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

function fail(times: number, state: LockoutState = CLEAR_LOCKOUT, hours = 1, at = T0): LockoutState {
  let s = state;
  for (let i = 0; i < times; i++) s = afterFailure(s, lockoutPolicy(hours), at);
  return s;
}

describe('lockout (SPEC §9)', () => {
  it('four failures do not lock, the fifth does for one hour', () => {
    expect(isLocked(fail(4), T0)).toBe(false);
    expect(fail(4).failures).toBe(4);
    const locked = fail(5);
    expect(isLocked(locked, T0)).toBe(true);
    expect(locked.lockedUntil).toBe(T0 + HOUR);
    expect(lockRemainingMs(locked, T0 + 1000)).toBe(HOUR - 1000);
  });

  it('the hours setting sets the lock length', () => {
    expect(fail(5, CLEAR_LOCKOUT, 3).lockedUntil).toBe(T0 + 3 * HOUR);
  });

  it('a success resets the count', () => {
    const four = fail(4);
    const reset = afterSuccess();
    expect(reset.failures).toBe(0);
    expect(four.failures).toBe(4);
    const fourMore = fail(4, reset);
    expect(isLocked(fourMore, T0)).toBe(false);
    expect(isLocked(fail(1, fourMore), T0)).toBe(true);
  });

  it('the lock ends when its time passes, and counting starts again', () => {
    const locked = fail(5);
    expect(isLocked(locked, T0 + HOUR - 1)).toBe(true);
    expect(isLocked(locked, T0 + HOUR)).toBe(false);
    const again = afterFailure(locked, lockoutPolicy(1), T0 + HOUR);
    expect(again).toEqual({ failures: 1, lockedUntil: null });
  });

  it('failures while locked neither count nor extend the lock', () => {
    const locked = fail(5);
    expect(afterFailure(locked, lockoutPolicy(1), T0 + 10)).toBe(locked);
  });

  it('UNLOCK clears it', () => {
    expect(isLocked(unlock(), T0)).toBe(false);
    expect(unlock()).toEqual({ failures: 0, lockedUntil: null });
  });

  it('0 hours turns lockout off', () => {
    const s = fail(50, CLEAR_LOCKOUT, 0);
    expect(isLocked(s, T0)).toBe(false);
    expect(s.failures).toBe(0);
  });
});
