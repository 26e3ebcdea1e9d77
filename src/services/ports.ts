/**
 * Ports as a service (SPEC §6 PORT <n|n-m|ALL> SET, PORT n BREAK|HISTORY|LOGOUT, SHOW PORT):
 * selection of ports, visibility, and every change validated against the settings table
 * (config/settings.ts), saved all or none, applied live to the device and the running parts,
 * and audited.
 */
import {
  firstIssue, PORT_SETTINGS, portSettingsPatchSchema, SINGLE_PORT_SETTINGS, type PortSettingName,
  type PortSettingsPatch,
} from '../config/settings.js';
import { parseGroupList, type PortGroup } from '../domain/rights.js';
import type { PortSettings } from '../store/port-settings-repository.js';
import { actorRecord, audit, reaches, seesPortSettings } from './access.js';
import { planPortGroups } from './port-groups.js';
import { portUsers, type UserMode } from './session-status.js';
import { checkHardware, probeModemLines, readPowerStatus, type PowerStatus } from './port-hardware.js';
import type { ApplianceRuntime } from './runtime.js';
import { done, refuse, type Actor, type ListChange, type Outcome, type Refusal } from './types.js';

/** Decided: a 500 ms break, long enough for every common baud rate's break detection. */
export const BREAK_MS = 500;

export type { PowerStatus };

/** Issue 12, the manual's SHOW PORT counters: what went through the port since start-up. */
export interface PortCounters {
  /** Bytes written to the device (users' input, SPC requests). */
  readonly txBytes: number;
  /** Bytes read from the device. */
  readonly rxBytes: number;
  /** Output bytes dropped for slow connections (summed over them). */
  readonly droppedBytes: number;
  /** Device errors: losses and failed opens. */
  readonly errors: number;
}

/** Who is connected (issue 12, SHOW PORT n): one row per connection on the port. */
export interface PortConnectionView {
  readonly user: string;
  /** The port's running session (SPEC §5). */
  readonly session: string;
  readonly mode: UserMode;
}

/** One port as SHOW PORT prints it and `--json` gives it. */
export interface PortView extends PortSettings {
  /** The device: open, lost, reopening or closed. */
  readonly status: string;
  /** Connections on the port now. */
  readonly users: number;
  readonly counters: PortCounters;
  readonly connections: readonly PortConnectionView[];
}

const OP_TEXT = { set: '=', add: '=+', remove: '=-' } as const;

export class PortService {
  constructor(private readonly app: ApplianceRuntime) {}

  /** Ports are numbered 1..count. */
  get count(): number {
    return this.app.profile.ports;
  }

  /** A port by number or name (any case); null when there is none. */
  resolve(ref: string): number | null {
    return this.app.resolvePort(ref);
  }

  /** ERR 06 for a number outside 1..ports, ERR 12 for a name no port has. */
  unknown(ref: string, field = 'port'): Refusal {
    if (/^[0-9]+$/.test(ref)) return refuse('portOutOfRange', `1-${this.count}`, field);
    return refuse('noSuchPort', ref, field);
  }

  /** One port by number or name. */
  find(ref: string, field = 'port'): Outcome<{ port: number }> {
    const port = this.resolve(ref);
    return port === null ? this.unknown(ref, field) : { ok: true, port };
  }

  /**
   * SPEC §6 `PORT <n|n-m|ALL>`: the ports a selection names, ascending. `ALL` is any case; a
   * range must run forwards within 1..ports; anything else is a port number or name.
   */
  select(selection: string): Outcome<{ ports: number[] }> {
    if (selection.toUpperCase() === 'ALL') return { ok: true, ports: Array.from({ length: this.count }, (_, i) => i + 1) };
    const range = /^([0-9]{1,6})-([0-9]{1,6})$/.exec(selection);
    if (range !== null) {
      const first = Number(range[1]);
      const last = Number(range[2]);
      if (first < 1 || last > this.count || last < first) return refuse('portOutOfRange', `1-${this.count}`, 'ports');
      return { ok: true, ports: Array.from({ length: last - first + 1 }, (_, i) => first + i) };
    }
    const port = this.resolve(selection);
    return port === null ? this.unknown(selection, 'ports') : { ok: true, ports: [port] };
  }

  /** SPEC §3: may the actor use port n (CONNECT, HISTORY, BREAK)? */
  reaches(actor: Actor, port: number): boolean {
    return reaches(this.app, actor, port);
  }

  view(n: number): PortView {
    const state = this.app.broker().ports[n - 1];
    const device = this.app.port(n).status();
    const session = state?.session?.id ?? '';
    const connections = state === undefined ? [] : portUsers(state).map((u) => ({ user: u.user, session, mode: u.mode }));
    return {
      ...this.app.portSettings(n), name: this.app.portName(n), status: device.state, users: connections.length,
      counters: { txBytes: device.txBytes, rxBytes: device.rxBytes, droppedBytes: device.droppedBytes, errors: device.errors },
      connections,
    };
  }

  /** SHOW PORT n's power status (issue 12): the POWER= line read from the device now. */
  async powerStatus(actor: Actor, port: number): Promise<Outcome<{ power: PowerStatus }>> {
    if (!seesPortSettings(this.app, actor, port)) return refuse('insufficientPrivileges', `port ${port}`, 'port');
    return { ok: true, power: await readPowerStatus(this.app, port) };
  }

  /** SHOW PORT [ALL]: every port the actor may see (PCON or SMON: all; else those they reach). */
  list(actor: Actor): PortView[] {
    const out: PortView[] = [];
    for (let n = 1; n <= this.count; n++) if (seesPortSettings(this.app, actor, n)) out.push(this.view(n));
    return out;
  }

  /** SHOW PORT n. */
  get(actor: Actor, port: number): Outcome<{ port: PortView }> {
    if (!seesPortSettings(this.app, actor, port)) return refuse('insufficientPrivileges', `port ${port}`, 'port');
    return { ok: true, port: this.view(port) };
  }

  /** SHOW PORT GROUPS: every group for PCON, SMON or USER holders; otherwise the actor's own. */
  groups(actor: Actor): PortGroup[] {
    const everyone = actor.hasRight('PCON') || actor.hasRight('SMON') || actor.hasRight('USER');
    const mine = actorRecord(this.app, actor)?.groups ?? [];
    return this.app.store.groups.list().filter((g) => everyone || mine.includes(g.name));
  }

  /**
   * PORT <selection> SET (PCON): `changes` are checked against the settings table; the rows are
   * saved all or none, then applied live. What the device refuses comes back as `warnings` (the
   * setting is kept for the next open); the running parts re-read every port changed.
   */
  async update(actor: Actor, selection: string, changes: Readonly<Record<string, unknown>>, groups?: ListChange,
  ): Promise<Outcome<{ ports: number[]; warnings: string[] }>> {
    if (!actor.hasRight('PCON')) return refuse('insufficientPrivileges', 'needs the PCON right');
    const selected = this.select(selection);
    if (!selected.ok) return selected;
    const { ports } = selected;
    if (Object.keys(changes).length === 0 && groups === undefined) return refuse('missingParameter', 'a setting such as BAUD=');
    const checked = portSettingsPatchSchema.safeParse(changes);
    if (!checked.success) {
      const issue = firstIssue(checked.error);
      const key = PORT_SETTINGS[issue.field as PortSettingName]?.key ?? issue.field;
      return refuse('invalidValue', `${key} ${issue.message}`, issue.field);
    }
    const patch = checked.data;
    const settings = ports.map((n): PortSettings => ({ ...this.app.portSettings(n), ...patch }));
    const refused = this.checkPatch(patch, ports) ?? this.checkGroups(groups) ?? checkHardware(patch, settings);
    if (refused) return refused;
    const probed = await probeModemLines(this.app, patch, ports);
    if (!probed.ok) return probed;
    // Issue 12: SOCKET= is live. The listener moves before the row is saved, so a refused move
    // (another listener has the number) saves nothing.
    if (patch.socket !== undefined && ports.length === 1 && this.app.movePortSocket !== undefined) {
      const moved = await this.app.movePortSocket(ports[0]!, patch.socket);
      if (!moved.ok) return refuse('socketInUse', moved.reason, 'socket');
    }
    const saved = this.app.store.ports.saveAll(settings);
    if (!saved.ok) return refuse('invalidValue', saved.message, saved.code === 'invalid' ? saved.field : 'name');
    const grouped = groups === undefined ? null : this.saveGroups(ports, groups);
    const warnings: string[] = [...probed.warnings];
    for (const s of settings) {
      const applied = await this.app.port(s.port).applySerial(s);
      for (const reason of applied.refused) warnings.push(`port ${s.port}: ${reason}`);
      this.app.portSettingsChanged(s.port);
    }
    // In the order given (the CLI's typed order), as the audit always showed them.
    const changed = (Object.keys(changes) as PortSettingName[]).map((f) => `${PORT_SETTINGS[f].key}=${String(patch[f] ?? '')}`);
    audit(this.app, actor, 'PORT SET', [`ports ${selection}`, ...changed, ...(grouped ? [grouped] : [])].join(' '));
    return { ok: true, ports, warnings };
  }

  /** PORT n BREAK (BREAK right). Decided: the caller must also reach the port: a break can halt the device. */
  async sendBreak(actor: Actor, port: number): Promise<Outcome> {
    if (!actor.hasRight('BREAK')) return refuse('insufficientPrivileges', 'needs the BREAK right');
    if (!this.reaches(actor, port)) return refuse('insufficientPrivileges', `port ${port}`, 'port');
    const sent = await this.app.breakPort(port, actor.user);
    if (!sent.ok) return refuse('deviceFailure', sent.reason, 'port');
    audit(this.app, actor, 'PORT BREAK', `port ${port}`);
    return done;
  }

  /**
   * PORT n HISTORY. Decided: it needs what CONNECT needs, access to the port (SPEC §3, BY GROUP),
   * not SMON: the history is what a connected user would have seen. Clearing it is a port
   * setting, so PCON only (`mayClear`).
   */
  history(actor: Actor, port: number): Outcome<{ history: Buffer; mayClear: boolean }> {
    if (!this.reaches(actor, port)) return refuse('insufficientPrivileges', `port ${port}`, 'port');
    return { ok: true, history: this.app.port(port).history(), mayClear: actor.hasRight('PCON') };
  }

  /** The history viewer's C)lear: PCON and access to the port. */
  clearHistory(actor: Actor, port: number): Outcome {
    if (!actor.hasRight('PCON') || !this.reaches(actor, port)) return refuse('insufficientPrivileges', `port ${port}`, 'port');
    this.app.port(port).clearHistory();
    return done;
  }

  /**
   * PORT n LOGOUT (PCON): ends every connection on the port; each is told `Session ended by
   * <user>` (SPEC §7, through the broker). A port nobody is on is an error.
   */
  logout(actor: Actor, port: number): Outcome {
    if (!actor.hasRight('PCON')) return refuse('insufficientPrivileges', 'needs the PCON right');
    const state = this.app.broker().ports[port - 1];
    if (state === undefined || (state.connections.length === 0 && state.pending.length === 0)) {
      return refuse('noSuchSession', `nobody is connected to port ${port}`, 'port');
    }
    this.app.dispatch({ type: 'endSession', port, by: { user: actor.user, level: actor.level } });
    audit(this.app, actor, 'PORT LOGOUT', `port ${port}`);
    return done;
  }

  /** One-port settings on several ports, and a name another port already answers to, are refused. */
  private checkPatch(patch: PortSettingsPatch, ports: readonly number[]): Refusal | null {
    if (ports.length > 1) {
      const single = SINGLE_PORT_SETTINGS.find((f) => f in patch);
      if (single !== undefined) return refuse('invalidValue', `${PORT_SETTINGS[single].key} applies to one port at a time`, single);
    }
    if (patch.name === undefined || patch.name === null) return null;
    const holder = this.resolve(patch.name);
    if (holder === null || holder === ports[0]) return null;
    return refuse('invalidValue', `Port name '${patch.name}' is already in use by port ${holder}`, 'name');
  }

  private checkGroups(groups: ListChange | undefined): Refusal | null {
    if (groups === undefined) return null;
    const parsed = parseGroupList(groups.list);
    if (!parsed.ok) return refuse('invalidValue', `GROUP ${parsed.message}`, 'groups');
    // Issue 12: a port belongs to at most one group.
    if (groups.op !== 'remove' && parsed.value.length > 1) {
      return refuse('invalidValue', 'GROUP names one group: a port belongs to at most one group', 'groups');
    }
    return null;
  }

  /** Saves what GROUP= changes; returns the audit text. */
  private saveGroups(ports: readonly number[], change: ListChange): string {
    const parsed = parseGroupList(change.list);
    const named = parsed.ok ? parsed.value : [];
    const store = this.app.store.groups;
    const plan = planPortGroups(store.list(), ports, change.op, named);
    for (const group of plan.save) store.save(group);
    for (const name of plan.remove) store.delete(name);
    return `groups ${OP_TEXT[change.op]}${named.join(',')}`;
  }
}

