import { describe, expect, it } from 'vitest';
import { lockoutPolicy } from '../domain/lockout.js';
import { RemoteLockouts } from './remote-lockouts.js';

const HOUR = 3_600_000;

describe('lockout of remote-only names (issue 15, SPEC §9)', () => {
  it('locks after five failures in a row for the configured hours; a clear unlocks', () => {
    const locks = new RemoteLockouts();
    for (let i = 0; i < 4; i++) locks.recordFailure('rad', lockoutPolicy(1), 1000);
    expect(locks.isLocked('rad', 1000)).toBe(false);
    locks.recordFailure('rad', lockoutPolicy(1), 1000);
    expect(locks.isLocked('rad', 1000)).toBe(true);
    expect(locks.isLocked('rad', 1000 + HOUR)).toBe(false);
    locks.recordFailure('rad', lockoutPolicy(1), 2000);
    expect(locks.clear('rad')).toBe(true);
    expect(locks.isLocked('rad', 2000)).toBe(false);
  });

  it('with lockout off nothing is kept', () => {
    const locks = new RemoteLockouts();
    for (let i = 0; i < 10; i++) locks.recordFailure('rad', lockoutPolicy(0), 1000);
    expect(locks.size).toBe(0);
  });

  it('stays within its capacity however many names are tried, forgetting the oldest', () => {
    const locks = new RemoteLockouts(100);
    for (let i = 0; i < 1000; i++) locks.recordFailure(`guess${i}`, lockoutPolicy(1), 1000);
    expect(locks.size).toBe(100);
    expect(locks.get('guess0').failures).toBe(0);
    expect(locks.get('guess999').failures).toBe(1);
  });
});
