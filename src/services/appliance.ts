/**
 * The appliance itself as a service (issue 12 item 11): SHOW SERVER's clock and uptime, and
 * SERVER REBOOT. The clock is the host's: ccmd runs without root and never sets it (SERVER SET
 * refuses, ERR 45), so the time shown is the host's time in UTC.
 */
import { audit } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { refuse, type Actor, type Outcome } from './types.js';

/** What SHOW SERVER shows of the appliance itself (and `--json` gives). */
export interface ApplianceStatus {
  /** The time now, ms since the epoch (shown in UTC). */
  readonly time: number;
  /** When this run of the daemon started (a SERVER REBOOT starts a new run). */
  readonly startedAt: number;
  readonly uptimeSeconds: number;
  readonly profile: string;
  readonly ports: number;
  /** Whose last three octets name the ports by default (issue 12 item 10). */
  readonly mac: string;
}

const NEEDS_SCON = 'needs the SCON right';

export class ApplianceService {
  constructor(private readonly app: ApplianceRuntime) {}

  /** Any logged-in user may look (SHOW SERVER). */
  status(): ApplianceStatus {
    const time = this.app.now();
    return {
      time, startedAt: this.app.startedAt, uptimeSeconds: Math.max(0, Math.floor((time - this.app.startedAt) / 1000)),
      profile: this.app.profile.name, ports: this.app.profile.ports, mac: this.app.mac,
    };
  }

  /** Whether SERVER REBOOT would go ahead now (asked before the Y/N question). */
  rebootAvailable(actor: Actor): Outcome {
    if (!actor.hasRight('SCON')) return refuse('insufficientPrivileges', NEEDS_SCON);
    return this.rebootOutcome(this.app.reboot?.(actor.user, { checkOnly: true }));
  }

  /**
   * SERVER REBOOT (SCON), once confirmed: audited, then the daemon restarts (every user told
   * `Appliance rebooting by <user>`; the state is kept: runtime/reboot.ts).
   */
  reboot(actor: Actor): Outcome {
    const available = this.rebootAvailable(actor);
    if (!available.ok) return available;
    audit(this.app, actor, 'SERVER REBOOT', '');
    return this.rebootOutcome(this.app.reboot?.(actor.user));
  }

  private rebootOutcome(result: { ok: true } | { ok: false; reason: string } | undefined): Outcome {
    if (result === undefined) return refuse('rebootUnavailable', 'nothing would start this daemon again');
    return result.ok ? { ok: true } : refuse('rebootUnavailable', result.reason);
  }
}
