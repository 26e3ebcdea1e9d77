/**
 * SPC power control as a service (issue 12, item 11): `SPC <port> STATUS [<outlet>]` and
 * `SPC <port> ON|OFF|CYCLE <outlet>` on the power strip attached to a TD=SPC port, through the
 * port's SPC client (runtime/spc-client.ts, the outlet protocol).
 *
 * Rights: PCON, or access to the strip's port (P<n>, PALL, its group). Decided: ON, OFF and
 * CYCLE are actions: each is audited whether or not the strip answered (so a failed attempt to
 * cut power is on record too), and recorded as a `power` event in the session history of the
 * strip's port and of the port the caller is attached to, where a session runs (SPEC §5).
 * STATUS is a read: neither.
 */
import type { OutletAction, OutletAnswer, OutletStatus } from '../protocol/outlet-protocol.js';
import { audit, reaches } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { refuse, type Actor, type Outcome, type Refusal } from './types.js';

/** Decided: outlet numbers the CLI takes; the strip decides which it has (ERR 43 otherwise). */
export const MAX_OUTLET = 999;

export interface SpcRequestInput {
  /** The strip's port. */
  readonly port: number;
  /** STATUS or a switching action. */
  readonly action: 'STATUS' | OutletAction;
  /** The outlet; null only for STATUS (every outlet). */
  readonly outlet: number | null;
  /** The port the caller is attached to, if any (its session records the action too). */
  readonly fromPort?: number | null;
}

export class SpcService {
  constructor(private readonly app: ApplianceRuntime) {}

  async request(actor: Actor, input: SpcRequestInput): Promise<Outcome<{ port: number; outlets: readonly OutletStatus[] }>> {
    const { port, action, outlet } = input;
    if (!actor.hasRight('PCON') && !reaches(this.app, actor, port)) {
      return refuse('insufficientPrivileges', `port ${port} (SPC needs PCON or access to the port)`, 'port');
    }
    const { td } = this.app.portSettings(port);
    if (td !== 'SPC') return refuse('notPowerStrip', `port ${port} is TD=${td} (PORT ${port} SET TD=SPC)`, 'port');
    if (outlet !== null && (outlet < 1 || outlet > MAX_OUTLET)) return refuse('noSuchOutlet', `outlet ${outlet}`, 'outlet');
    if (action !== 'STATUS' && outlet === null) return refuse('missingParameter', `${action} needs an outlet`, 'outlet');
    const answer = action === 'STATUS'
      ? await this.app.port(port).outletRequest({ kind: 'status', outlet })
      : await this.app.port(port).outletRequest({ kind: 'switch', action, outlet: outlet as number });
    if (action !== 'STATUS') this.record(actor, input, answer);
    if (!answer.ok) return refusalOf(port, answer);
    return { ok: true, port, outlets: answer.outlets };
  }

  private record(actor: Actor, input: SpcRequestInput, answer: OutletAnswer): void {
    const result = answer.ok ? answer.outlets.map((o) => o.state).join(',') || 'OK' : `failed: ${answer.detail}`;
    const detail = `outlet ${input.port}.${input.outlet} ${input.action}: ${result}`;
    audit(this.app, actor, 'SPC', detail);
    const ports = new Set([input.port, ...(input.fromPort === undefined || input.fromPort === null ? [] : [input.fromPort])]);
    for (const port of ports) this.app.recordSessionEvent(port, 'power', actor.user, detail);
  }
}

function refusalOf(port: number, answer: Extract<OutletAnswer, { ok: false }>): Refusal {
  switch (answer.problem) {
    case 'silent': return refuse('powerStripSilent', `port ${port}: ${answer.detail}`, 'port');
    case 'unavailable': return refuse('deviceFailure', answer.detail, 'port');
    case 'refused':
      return /^bad outlet/i.test(answer.detail) ? refuse('noSuchOutlet', answer.detail, 'outlet') : refuse('powerStripRefused', answer.detail);
  }
}
