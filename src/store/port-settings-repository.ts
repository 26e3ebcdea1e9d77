/**
 * The `port_settings` table: what `PORT n SET` changed (SPEC §6). A port with no row follows
 * the config file and the defaults; once a row exists the database holds the truth.
 */
import type { PortConfig } from '../config/schema.js';
import { firstIssue, PORT_DEFAULTS, portSettingsSchema, type PortSettings, type SerialSettings } from '../config/settings.js';
import type { PortShareSetting } from '../domain/share.js';
import type { Db } from './db.js';

export type { PortSettings } from '../config/settings.js';

/** SPEC §6 defaults for a port nobody has set (config/settings.ts), with the config file's values. */
export function defaultPortSettings(port: number, serial?: Partial<SerialSettings>, name?: string): PortSettings {
  return { ...PORT_DEFAULTS, port, name: name ?? null, ...serial };
}

/** The starting settings a config file's port entry gives (its device path is not a setting). */
function configuredSettings(port: number, configured: PortConfig | undefined): PortSettings {
  if (configured === undefined) return defaultPortSettings(port);
  const { baud, dataBits, parity, stopBits, flow, td, power, toggle } = configured;
  const given = Object.fromEntries(Object.entries({ baud, dataBits, parity, stopBits, flow, td, power, toggle })
    .filter(([, v]) => v !== undefined));
  return { ...PORT_DEFAULTS, port, name: configured.name ?? null, ...given };
}

export type PortSettingsWrite =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'name-taken'; readonly message: string; readonly token: string }
  /** A value outside the settings table's range: `field` names it. */
  | { readonly ok: false; readonly code: 'invalid'; readonly message: string; readonly field: string };

interface PortRow {
  port: number; name: string | null; baud: number; data_bits: number; parity: string; stop_bits: number;
  flow: string; timeout_minutes: number; char: string | null; share: string; log: number; socket: number | null;
  td: string; power: string; toggle: string;
}

/** Rows are constrained by CHECKs in the schema, so the casts below only narrow what SQLite enforces. */
function fromRow(r: PortRow): PortSettings {
  return {
    port: r.port, name: r.name, baud: r.baud, dataBits: r.data_bits as 7 | 8,
    parity: r.parity as PortSettings['parity'], stopBits: r.stop_bits as 1 | 2,
    flow: r.flow as PortSettings['flow'], timeoutMinutes: r.timeout_minutes, char: r.char,
    share: r.share as PortShareSetting, log: r.log === 1, socket: r.socket,
    td: r.td as PortSettings['td'], power: r.power, toggle: r.toggle as PortSettings['toggle'],
  };
}

function toRow(s: PortSettings): PortRow {
  return {
    port: s.port, name: s.name, baud: s.baud, data_bits: s.dataBits, parity: s.parity, stop_bits: s.stopBits,
    flow: s.flow, timeout_minutes: s.timeoutMinutes, char: s.char, share: s.share, log: s.log ? 1 : 0,
    socket: s.socket, td: s.td, power: s.power, toggle: s.toggle,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class PortSettingsRepository {
  private readonly selectOne;
  private readonly selectAll;
  private readonly upsert;
  private readonly deleteRow;

  constructor(private readonly db: Db) {
    this.selectOne = db.prepare<[number], PortRow>('SELECT * FROM port_settings WHERE port = ?');
    this.selectAll = db.prepare<[], PortRow>('SELECT * FROM port_settings ORDER BY port');
    this.upsert = db.prepare(`INSERT INTO port_settings
      (port, name, baud, data_bits, parity, stop_bits, flow, timeout_minutes, char, share, log, socket, td, power, toggle)
      VALUES (@port, @name, @baud, @data_bits, @parity, @stop_bits, @flow, @timeout_minutes, @char, @share, @log, @socket,
        @td, @power, @toggle)
      ON CONFLICT (port) DO UPDATE SET name = excluded.name, baud = excluded.baud, data_bits = excluded.data_bits,
        parity = excluded.parity, stop_bits = excluded.stop_bits, flow = excluded.flow,
        timeout_minutes = excluded.timeout_minutes, char = excluded.char, share = excluded.share,
        log = excluded.log, socket = excluded.socket, td = excluded.td, power = excluded.power,
        toggle = excluded.toggle`);
    this.deleteRow = db.prepare('DELETE FROM port_settings WHERE port = ?');
  }

  /** The stored settings of `port`, or null when it was never set. */
  get(port: number): PortSettings | null {
    const row = this.selectOne.get(port);
    return row === undefined ? null : fromRow(row);
  }

  /** The settings in force: the stored row, else the config file's entry over the defaults. */
  current(port: number, configured: PortConfig | undefined): PortSettings {
    return this.get(port) ?? configuredSettings(port, configured);
  }

  list(): PortSettings[] {
    return this.selectAll.all().map(fromRow);
  }

  /** Stores the whole settings of one port. A name another port has is refused as data. */
  save(settings: PortSettings): PortSettingsWrite {
    return this.saveAll([settings]);
  }

  /** Stores several ports at once (`PORT 1-4 SET ...`): all or none. */
  saveAll(settings: readonly PortSettings[]): PortSettingsWrite {
    for (const s of settings) {
      const checked = portSettingsSchema.safeParse(s);
      if (!checked.success) return { ok: false, code: 'invalid', ...firstIssue(checked.error) };
    }
    let failed: PortSettings | null = null;
    try {
      this.db.transaction(() => {
        for (const s of settings) {
          failed = s;
          this.upsert.run(toRow(s));
        }
      })();
      return { ok: true };
    } catch (err) {
      if (!isUniqueViolation(err) || failed === null) throw err;
      const name = (failed as PortSettings).name ?? '';
      return { ok: false, code: 'name-taken', token: name, message: `Port name '${name}' is already in use` };
    }
  }

  /** Forgets a port's row so it follows the config again. */
  remove(port: number): boolean {
    return this.deleteRow.run(port).changes > 0;
  }
}
