/**
 * The daemon's `LoginGate` (SPEC §9): CLI-only logins are capped at `maxCliLogins`, counting the
 * logins active at the CLI together with those whose credentials are being checked right now.
 * Logins straight to a port are not gated here: the broker's per-port and appliance limits
 * (SPEC §4) decide about them once they are in.
 */
import type { LoginGate, LoginReservation, LoginTarget } from './auth.js';

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
    let held = true;
    const free = (): void => {
      if (!held) return;
      held = false;
      this.checking -= 1;
    };
    return { release: free, commit: free };
  }
}
