/**
 * The daemon's `LoginGate` (SPEC §9): CLI-only logins are capped at `maxCliLogins`, counting the
 * logins active at the CLI together with those whose credentials are being checked right now.
 * Logins straight to a port are not gated here: the broker's per-port and appliance limits
 * (SPEC §4) decide about them once they are in.
 */
import type { LoginGate, LoginReservation, LoginTarget } from './auth.js';

/** A held place whose `free` runs once, on the first of release or commit. */
function placeFreedOnce(free: () => void): LoginReservation {
  let held = true;
  const end = (): void => {
    if (!held) return;
    held = false;
    free();
  };
  return { release: end, commit: end };
}

/** What a login that is not gated holds: nothing to give back. */
const UNGATED: LoginReservation = { release: () => undefined, commit: () => undefined };

export class CliLoginGate implements LoginGate {
  private checking = 0;

  /**
   * @param capacity the most CLI logins, active and authenticating together
   * @param activeCliLogins how many CLI logins are active now (a committed login counts there)
   */
  constructor(
    private readonly capacity: number,
    private readonly activeCliLogins: () => number,
  ) {}

  /** CLI logins being authenticated now (places reserved and not yet released or committed). */
  get authenticating(): number {
    return this.checking;
  }

  tryReserve(target: LoginTarget): LoginReservation | null {
    if (target.port !== null) return UNGATED;
    if (this.activeCliLogins() + this.checking >= this.capacity) return null;
    this.checking += 1;
    return placeFreedOnce(() => { this.checking -= 1; });
  }
}

/**
 * Admission for logins over HTTP (SPEC §10 API and web logins; issue 10): at most `capacity`
 * credential checks at once, whatever their target. Hashes queue in order on one hashing thread
 * (store/scrypt-thread.ts); holding HTTP to a few at a time keeps an SSH or Telnet login behind
 * at most that many, so a storm of API logins cannot starve them. A check beyond the cap is refused at once (the API answers
 * 429), before anything is hashed.
 */
export class ConcurrentCheckGate implements LoginGate {
  private checking = 0;

  constructor(private readonly capacity: number) {}

  /** Checks in progress now. */
  get authenticating(): number {
    return this.checking;
  }

  tryReserve(_target: LoginTarget): LoginReservation | null {
    if (this.checking >= this.capacity) return null;
    this.checking += 1;
    return placeFreedOnce(() => { this.checking -= 1; });
  }
}
