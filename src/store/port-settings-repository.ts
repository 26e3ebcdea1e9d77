/**
 * The `port_settings` table: what `PORT n SET` changed (SPEC §6). A port with no row follows
 * the config file and the defaults; once a row exists the database holds the truth.
 */
import type { PortConfig, SerialSettings } from '../config/schema.js';
import type { PortShareSetting } from '../domain/share.js';
import type { Db } from './db.js';

export interface PortSettings extends SerialSettings {
  readonly port: number;
  /** Port name (login `jdoe:router1`), unique ignoring case; null: none. */
  readonly name: string | null;
  /** Idle time-out in minutes, 0 = use SERVER CLI TIMEOUT (SPEC §6). */
  readonly timeoutMinutes: number;
  /** Access character such as `^D`; null: follow `SERVER CLI CHAR=`. */
  readonly char: string | null;
  readonly share: PortShareSetting;
  /** Per-port log file on or off. */
  readonly log: boolean;
  /** `SOCKET=`: the port's own TCP socket number; null: the listener base + n. */
  readonly socket: number | null;
}

/** SPEC §6 defaults for a port nobody has set. */
export function defaultPortSettings(port: number, serial?: Partial<SerialSettings>, name?: string): PortSettings {
  return {
    port, name: name ?? null, baud: 9600, dataBits: 8, parity: 'NONE', stopBits: 1, flow: 'NONE',
    ...serial, timeoutMinutes: 15, char: null, share: 'SERVER', log: true, socket: null,
  };
}

export type PortSettingsWrite =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'name-taken'; readonly message: string; readonly token: string };

interface PortRow {
  port: number; name: string | null; baud: number; data_bits: number; parity: string; stop_bits: number;
  flow: string; timeout_minutes: number; char: string | null; share: string; log: number; socket: number | null;
}

/** Rows are constrained by CHECKs in the schema, so the casts below only narrow what SQLite enforces. */
function fromRow(r: PortRow): PortSettings {
  return {
    port: r.port, name: r.name, baud: r.baud, dataBits: r.data_bits as 7 | 8,
    parity: r.parity as PortSettings['parity'], stopBits: r.stop_bits as 1 | 2,
    flow: r.flow as PortSettings['flow'], timeoutMinutes: r.timeout_minutes, char: r.char,
    share: r.share as PortShareSetting, log: r.log === 1, socket: r.socket,
  };
}

function toRow(s: PortSettings): PortRow {
  return {
    port: s.port, name: s.name, baud: s.baud, data_bits: s.dataBits, parity: s.parity, stop_bits: s.stopBits,
    flow: s.flow, timeout_minutes: s.timeoutMinutes, char: s.char, share: s.share, log: s.log ? 1 : 0,
    socket: s.socket,
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
      (port, name, baud, data_bits, parity, stop_bits, flow, timeout_minutes, char, share, log, socket)
      VALUES (@port, @name, @baud, @data_bits, @parity, @stop_bits, @flow, @timeout_minutes, @char, @share, @log, @socket)
      ON CONFLICT (port) DO UPDATE SET name = excluded.name, baud = excluded.baud, data_bits = excluded.data_bits,
        parity = excluded.parity, stop_bits = excluded.stop_bits, flow = excluded.flow,
        timeout_minutes = excluded.timeout_minutes, char = excluded.char, share = excluded.share,
        log = excluded.log, socket = excluded.socket`);
    this.deleteRow = db.prepare('DELETE FROM port_settings WHERE port = ?');
  }

  /** The stored settings of `port`, or null when it was never set. */
  get(port: number): PortSettings | null {
    const row = this.selectOne.get(port);
    return row === undefined ? null : fromRow(row);
  }

  /** The settings in force: the stored row, else the config file's entry over the defaults. */
  current(port: number, configured: PortConfig | undefined): PortSettings {
    return this.get(port) ?? defaultPortSettings(port, configured, configured?.name);
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
