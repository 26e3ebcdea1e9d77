import { describe, expect, it } from 'vitest';
import { CliLoginGate, ConcurrentCheckGate } from './login-gate.js';

const CLI = { port: null, exclusive: false } as const;

describe('CliLoginGate (SPEC §9 CLI login cap, checked before hashing)', () => {
  it('admits up to the capacity counting active and authenticating CLI logins', () => {
    let active = 1;
    const gate = new CliLoginGate(3, () => active);
    const first = gate.tryReserve(CLI);
    const second = gate.tryReserve(CLI);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(gate.authenticating).toBe(2);
    expect(gate.tryReserve(CLI)).toBeNull();
    // One check fails: its place is free again.
    first?.release();
    expect(gate.authenticating).toBe(1);
    const third = gate.tryReserve(CLI);
    expect(third).not.toBeNull();
    // One becomes a login: it counts as active from now on, not as authenticating.
    second?.commit();
    active += 1;
    expect(gate.authenticating).toBe(1);
    expect(gate.tryReserve(CLI)).toBeNull();
    third?.release();
    expect(gate.tryReserve(CLI)).not.toBeNull();
  });

  it('frees a place once, whatever mix of release and commit follows', () => {
    const gate = new CliLoginGate(2, () => 0);
    const place = gate.tryReserve(CLI);
    gate.tryReserve(CLI);
    place?.release();
    place?.release();
    place?.commit();
    expect(gate.authenticating).toBe(1);
  });

  it('never gates a login straight to a port, even when the CLI is full', () => {
    const gate = new CliLoginGate(1, () => 5);
    expect(gate.tryReserve(CLI)).toBeNull();
    for (const port of [3, 'router1']) {
      const place = gate.tryReserve({ port, exclusive: true });
      expect(place).not.toBeNull();
      place?.release();
    }
    expect(gate.authenticating).toBe(0);
  });
});

describe('ConcurrentCheckGate (issue 10: HTTP logins cannot starve SSH/Telnet)', () => {
  it('admits at most its capacity of checks at once, for any target', () => {
    const gate = new ConcurrentCheckGate(2);
    const a = gate.tryReserve(CLI);
    const b = gate.tryReserve({ port: 3, exclusive: false });
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(gate.tryReserve(CLI)).toBeNull();
    a?.release();
    a?.commit();
    expect(gate.authenticating).toBe(1);
    expect(gate.tryReserve(CLI)).not.toBeNull();
    expect(gate.tryReserve(CLI)).toBeNull();
  });
});
