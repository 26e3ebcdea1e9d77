/**
 * The one settings table (issue 13; STYLE: "config options are one data table with types and
 * ranges", after ser2net). Every port setting and every appliance-wide (server) setting is one
 * row here: its field name, the CLI keyword that sets it, its zod schema (type, range, the
 * message a bad value gets) and its default. Everything else is derived from these rows:
 * - the config file's `ports."<n>"` entries (config/schema.ts),
 * - the stored rows (store/port-settings-repository.ts, store/server-settings-repository.ts),
 * - the CLI's KEY=value checks (cli/setting-params.ts) for PORT SET and the SERVER commands,
 * - the host CLI's `ccmd port set` options (host-cli/commands/port.ts),
 * - the services' validation of every change (src/services), which the web API goes through.
 * To add a setting, add a row (and a column or key in the store); nothing else holds a range.
 */
import { z } from 'zod';
import { DEFAULT_LOCKOUT_HOURS, MAX_LOCKOUT_HOURS } from '../domain/lockout.js';
import { SSH_AUTH_FORMS } from '../domain/ssh-auth-form.js';
import { formatAccessChar, parseAccessChar } from '../protocol/access-char.js';

/** One row: what the CLI types (`key`), and what is stored, checked and defaulted (`schema`). */
export interface SettingRow<S extends z.ZodType = z.ZodType> {
  /**
   * The CLI parameter: `PORT n SET BAUD=`, `SERVER CLI TIMEOUT=`; null for a server setting set
   * by the command's own keyword (`SERVER SHARE AUTO`, `SERVER SSH ENABLE`).
   */
  readonly key: string | null;
  readonly schema: S;
  /** What the setting means (HELP, docs, the API description). */
  readonly about: string;
  /** Server settings: the SERVER command that sets it (`SHARE`, `CLI`, `SECURITY`, `SSH`). */
  readonly command?: string;
}

function row<S extends z.ZodType>(key: string | null, schema: S, about: string, command?: string): SettingRow<S> {
  return command === undefined ? { key, schema, about } : { key, schema, about, command };
}

/** Decided: words the CLI and login grammar give meaning to cannot name a port (SPEC §2, §6). */
export const RESERVED_PORT_NAMES: readonly string[] = ['ALL', 'NAMES', 'GROUPS', 'E'];

/**
 * Port names address ports at login (`jdoe:router1`): 1-32 letters, digits, `_ . -`, and
 * (decided) not all digits, since `jdoe:7` means port 7, and not a reserved word. The config
 * file follows the same rule as `PORT n SET NAME=` (they had drifted: the config took `7`).
 */
export const portNameSchema = z.string()
  .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be 1-32 letters, digits, _ . -')
  .refine((v) => !/^[0-9]+$/.test(v), 'cannot be a number')
  .refine((v) => !RESERVED_PORT_NAMES.includes(v.toUpperCase()), { error: (issue) => `${String(issue.input)} is reserved` });

/** An access character as `^D`, stored in canonical form (`^d` → `^D`). */
export const accessCharSchema = z.string().transform((value, ctx) => {
  const parsed = parseAccessChar(value);
  if (parsed.ok) return formatAccessChar(parsed.byte);
  ctx.addIssue({ code: 'custom', message: parsed.error });
  return z.NEVER;
});

/**
 * Issue 12, the manual's POWER=<CTS|DCD|DSR>[,LOW|HIGH]: the inbound modem-control line whose
 * state says the attached device has power, and which state means "on" (default HIGH). Stored
 * in canonical form (`CTS` → `CTS,HIGH`); `NONE` (the manual's default) watches no line.
 */
export const POWER_SIGNALS = ['CTS', 'DCD', 'DSR'] as const;
export type PowerSignal = (typeof POWER_SIGNALS)[number];
export const powerSchema = z.string().transform((value, ctx) => {
  const canonical = canonicalPower(value);
  if (canonical !== null) return canonical;
  ctx.addIssue({ code: 'custom', message: 'expected NONE or CTS|DCD|DSR[,LOW|HIGH]' });
  return z.NEVER;
});

function canonicalPower(value: string): string | null {
  const m = /^(CTS|DCD|DSR)(?:,(LOW|HIGH))?$/.exec(value.trim().toUpperCase());
  if (m !== null) return `${m[1]},${m[2] ?? 'HIGH'}`;
  return value.trim().toUpperCase() === 'NONE' ? 'NONE' : null;
}

/** A stored POWER= value taken apart; null for NONE. */
export function powerLine(power: string): { readonly signal: PowerSignal; readonly onWhen: 'LOW' | 'HIGH' } | null {
  const [signal, onWhen] = power.split(',');
  if (!POWER_SIGNALS.includes(signal as PowerSignal)) return null;
  return { signal: signal as PowerSignal, onWhen: onWhen === 'LOW' ? 'LOW' : 'HIGH' };
}

/** The serial line settings: what the device is opened with (also allowed in the config file). */
export const SERIAL_SETTINGS = {
  baud: row('BAUD', z.number().int().min(50).max(4_000_000), 'line speed in bit/s'),
  dataBits: row('SIZE', z.union([z.literal(7), z.literal(8)]), 'data bits'),
  parity: row('PARITY', z.enum(['NONE', 'EVEN', 'ODD']), 'parity'),
  stopBits: row('STOP', z.union([z.literal(1), z.literal(2)]), 'stop bits'),
  flow: row('FLOW', z.enum(['NONE', 'XONXOF', 'RTSCTS']), 'flow control'),
} as const;

/**
 * Every port setting (SPEC §6 `PORT <n|n-m|ALL> SET`), in the order HELP and SHOW list them.
 * A nullable row takes an empty value (`NAME=`) as null: "none" or "follow the server".
 */
export const PORT_SETTINGS = {
  name: row('NAME', portNameSchema.nullable(), 'port name, for logins such as jdoe:router1 (empty: the default, xx-xx-xx-Pn from the MAC)'),
  ...SERIAL_SETTINGS,
  /** Decided bound: one week. */
  timeoutMinutes: row('TIMEOUT', z.number().int().min(0).max(10_080), 'idle time-out in minutes (0: SERVER CLI TIMEOUT)'),
  char: row('CHAR', accessCharSchema.nullable(), 'access character such as ^D (empty: SERVER CLI CHAR)'),
  share: row('SHARE', z.enum(['DISABLE', 'AUTO', 'QUERY', 'SERVER']), 'share mode (SERVER: follow SERVER SHARE)'),
  log: row('LOG', z.boolean(), 'per-port log file on or off'),
  socket: row('SOCKET', z.number().int().min(1).max(65535).nullable(), 'TCP port of its own (empty: listener base + n)'),
  /** Issue 12: the target device type; a TD=SPC port carries a power strip (SPC n ...). */
  td: row('TD', z.enum(['CONSOLE', 'SPC']), 'target device: CONSOLE, or SPC for a power strip driven by SPC n'),
  /** Issue 12: the modem line read as the device's power status (SHOW PORT n). */
  power: row('POWER', powerSchema, 'power status line: NONE or CTS|DCD|DSR[,LOW|HIGH] (the state meaning on; default HIGH)'),
  /** Issue 12: TOGGLE=DTR drops DTR for a moment when the port's session ends (hangs up the device). */
  toggle: row('TOGGLE', z.enum(['NONE', 'DTR']), 'DTR: drop DTR briefly when a session ends'),
} as const;

export type PortSettingName = keyof typeof PORT_SETTINGS;
type Values<T extends Record<string, SettingRow>> = { -readonly [K in keyof T]: z.output<T[K]['schema']> };

/** A port's settings as stored and in force. */
export type PortSettings = { readonly port: number } & Readonly<Values<typeof PORT_SETTINGS>>;
export type SerialSettings = Values<typeof SERIAL_SETTINGS>;
/** Some of a port's settings, as a change names them. */
export type PortSettingsPatch = Partial<Values<typeof PORT_SETTINGS>>;

/** Settings that name one port's own resource, so cannot be given to several ports at once. */
export const SINGLE_PORT_SETTINGS: readonly PortSettingName[] = ['name', 'socket'];

/** SPEC §6 defaults for a port nobody has set. */
export const PORT_DEFAULTS: Omit<PortSettings, 'port'> = {
  name: null, baud: 9600, dataBits: 8, parity: 'NONE', stopBits: 1, flow: 'NONE',
  timeoutMinutes: 15, char: null, share: 'SERVER', log: true, socket: null,
  td: 'CONSOLE', power: 'NONE', toggle: 'NONE',
};

/**
 * The manual: a TD=SPC port takes only NAME= and GROUP= (GROUP= is not a settings row); the
 * strip is driven by the SPC command, not configured as a console line.
 */
export const SPC_PORT_SETTINGS: readonly PortSettingName[] = ['name', 'td'];

function schemaOf<T extends Record<string, SettingRow>>(rows: T): z.ZodObject<{ [K in keyof T]: T[K]['schema'] }> {
  const shape = Object.fromEntries(Object.entries(rows).map(([field, r]) => [field, r.schema]));
  return z.object(shape) as z.ZodObject<{ [K in keyof T]: T[K]['schema'] }>;
}

/** A change to some port settings: every value checked, unknown fields refused. */
export const portSettingsPatchSchema = schemaOf(PORT_SETTINGS).partial().strict();

/** A whole stored port row. */
export const portSettingsSchema = schemaOf(PORT_SETTINGS).extend({ port: z.number().int().min(1) });

/** The serial settings with their defaults, for the config file. */
export const serialSettingsSchema = z.object({
  baud: SERIAL_SETTINGS.baud.schema.default(PORT_DEFAULTS.baud),
  dataBits: SERIAL_SETTINGS.dataBits.schema.default(PORT_DEFAULTS.dataBits),
  parity: SERIAL_SETTINGS.parity.schema.default(PORT_DEFAULTS.parity),
  stopBits: SERIAL_SETTINGS.stopBits.schema.default(PORT_DEFAULTS.stopBits),
  flow: SERIAL_SETTINGS.flow.schema.default(PORT_DEFAULTS.flow),
});

/** The manual's six forms (issue 12; domain/ssh-auth-form.ts says what each asks of a login). */
export const sshAuthSchema = z.enum(SSH_AUTH_FORMS);
export type SshAuth = z.infer<typeof sshAuthSchema>;

/**
 * Every appliance-wide setting (SPEC §4, §6, §9), with the SERVER command that sets it:
 * `queryTimeoutSeconds` is `SERVER SHARE TIMEOUT=`. Keys under one command are unique.
 */
export const SERVER_SETTINGS = {
  /** SPEC §4: SERVER SHARE DISABLE|AUTO|QUERY, default QUERY. */
  share: row(null, z.enum(['DISABLE', 'AUTO', 'QUERY']), 'share mode for ports with SHARE=SERVER', 'SHARE'),
  /** SPEC §4: SERVER SHARE TIMEOUT=<seconds>, default 30. */
  queryTimeoutSeconds: row('TIMEOUT', z.number().int().min(1).max(3600), 'seconds the SO has to answer a share request', 'SHARE'),
  /** SPEC §6: SERVER CLI CHAR=, default ^D; the appliance-wide character cannot be "none". */
  cliChar: row('CHAR', accessCharSchema, 'access character for ports without their own', 'CLI'),
  /** SPEC §6: SERVER CLI TIMEOUT=<min>; decided default 15 like a port's, 0 = never. */
  cliTimeoutMinutes: row('TIMEOUT', z.number().int().min(0).max(10_080), 'idle time-out in minutes (0: never)', 'CLI'),
  /** SPEC §6: SERVER CLI HISTORY=KEEP|CLEAR (decided default KEEP). */
  cliHistory: row('HISTORY', z.enum(['KEEP', 'CLEAR']), 'keep or clear a port\'s history buffer when its session ends', 'CLI'),
  /** SPEC §9: SERVER SECURITY LOCKOUT=<hours>, 1-99 as the manual (issue 12), default 1, 0 = off. */
  lockoutHours: row('LOCKOUT', z.number().int().min(0).max(MAX_LOCKOUT_HOURS), 'hours a user is locked out after 5 failed logins (0: off)', 'SECURITY'),
  /** SPEC §6: SERVER SSH ENABLE|DISABLE (decided default enabled). */
  sshEnabled: row(null, z.boolean(), 'SSH logins on or off', 'SSH'),
  /** SPEC §6: SERVER SSH AUTH= (decided default PW|KEY: either method). */
  sshAuth: row('AUTH', sshAuthSchema, 'how SSH users authenticate', 'SSH'),
} as const;

export type ServerSettingName = keyof typeof SERVER_SETTINGS;
export type ServerSettings = Readonly<Values<typeof SERVER_SETTINGS>>;
export type ServerSettingsPatch = Partial<Values<typeof SERVER_SETTINGS>>;

/** Decided defaults where SPEC gives none (see each row). */
export const SERVER_DEFAULTS: ServerSettings = {
  share: 'QUERY', queryTimeoutSeconds: 30, cliChar: '^D', cliTimeoutMinutes: 15, cliHistory: 'KEEP',
  lockoutHours: DEFAULT_LOCKOUT_HOURS, sshEnabled: true, sshAuth: 'PW|KEY',
};

export const serverSettingsSchema = schemaOf(SERVER_SETTINGS);
export const serverSettingsPatchSchema = serverSettingsSchema.partial().strict();

/** The first problem of a failed parse, as `field` and message (for one refusal, SPEC §9). */
export function firstIssue(error: z.ZodError): { readonly field: string; readonly message: string } {
  const issue = error.issues[0];
  return { field: String(issue?.path[0] ?? ''), message: issue?.message ?? 'invalid value' };
}
