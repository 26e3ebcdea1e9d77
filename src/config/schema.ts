/**
 * The daemon's configuration as one schema with defaults and ranges (STYLE: config is data,
 * checked once at the edge). Port settings given here are the starting values; once an admin
 * changes a port with `PORT n SET`, the database holds the truth.
 */
import { z } from 'zod';
import { MAC_ADDRESS } from '../domain/port-name.js';
import { PORT_SETTINGS, serialSettingsSchema, type SerialSettings } from './settings.js';

export { serialSettingsSchema, type SerialSettings };

/** A TCP port to listen on: 0 = off, -1 = an ephemeral port (for tests). */
const listenPort = z.number().int().min(-1).max(65535);

/**
 * Issue 12: the built-in simulated power strip (transports/serial/power-strip-device.ts), a
 * second kind of simulated device speaking the outlet protocol (protocol/outlet-protocol.ts).
 */
export const powerStripConfigSchema = z.object({
  /** Outlets 1..outlets. */
  outlets: z.number().int().min(1).max(48).default(8).describe('outlets 1..outlets'),
  /** How long CYCLE keeps an outlet off. */
  cycleSeconds: z.number().min(0.05).max(600).default(5).describe('how long CYCLE keeps an outlet off'),
}).strict();

/**
 * A config file's port entry: the device, and the starting name and settings (config/settings.ts).
 * The device is a path, or the simulated power strip (`powerStrip`), or neither: the built-in
 * simulated console device of SPEC §8.
 */
export const portConfigSchema = z.object({
  /** A serial device path (`/dev/ttyUSB0`, a socat pty). */
  device: z.string().min(1).optional().describe('serial device path (/dev/ttyUSB0, a socat pty); absent: a built-in simulated device'),
  powerStrip: powerStripConfigSchema.optional().describe('the built-in simulated power strip on this port instead of a device'),
  name: PORT_SETTINGS.name.schema.unwrap().optional().describe(PORT_SETTINGS.name.about),
  td: PORT_SETTINGS.td.schema.optional(),
  power: PORT_SETTINGS.power.schema.optional(),
  toggle: PORT_SETTINGS.toggle.schema.optional(),
}).extend(serialSettingsSchema.partial().shape).strict()
  .refine((p) => p.device === undefined || p.powerStrip === undefined, { message: 'a port has a device or a powerStrip, not both' });

export const profileSchema = z.object({
  name: z.string().min(1),
  ports: z.number().int().min(1).max(256),
  maxSessions: z.number().int().min(1),
  maxPerPort: z.number().int().min(1).max(16),
  groupsPerUser: z.number().int().min(0),
  maxUsers: z.number().int().min(1).max(1024),
  historyBytes: z.number().int().min(1024).max(16 * 1024 * 1024),
}).strict();

export const configSchema = z.object({
  profile: z.string().regex(/^[a-z0-9]+$/).default('ccm1650').describe('appliance profile: ccm850, ccm1650 or ccm4850 (profiles/<name>.json)'),
  dataDir: z.string().min(1).default('./data').describe('database, host key, control socket, port logs (--data, CCMD_DATA)'),
  bind: z.string().min(1).default('127.0.0.1').describe('address every listener binds (--bind)'),
  /** 0 turns the listener off; -1 listens on an ephemeral port, reported in `ccmd.ready.json` (for tests). */
  telnetPort: listenPort.default(2323).describe('Telnet CLI listener (0: off)'),
  sshPort: listenPort.default(2222).describe('SSH CLI listener (0: off)'),
  /**
   * Port n listens on base + n; 0 turns the per-port listeners off; -1 puts each on an ephemeral
   * port, reported in `<data dir>/ccmd.ready.json` (for tests).
   */
  portTelnetBase: listenPort.default(3000).describe('port n takes Telnet logins on base + n (0: off)'),
  portSshBase: listenPort.default(3100).describe('port n takes SSH logins on base + n (0: off)'),
  /**
   * Bytes a connection may have queued toward its client before output is dropped for it
   * (the slow client is told how much it missed; the port and others keep full speed).
   */
  connectionQueueBytes: z.number().int().min(4096).max(64 * 1024 * 1024).default(256 * 1024)
    .describe('port output a slow client may have queued before output is dropped for that client only'),
  /**
   * Seconds a connection may stay back-pressured (its client taking no port output at all)
   * before it is disconnected and its place on the port freed; 0 = never. A frozen client or one
   * that vanished without a FIN would otherwise hold its place until TCP gives up (~15 min).
   */
  outputStallSeconds: z.number().int().min(0).max(3600).default(120)
    .describe('a connection that takes no port output this long is disconnected and its place freed (0: never)'),
  /** Seconds a login may take before the connection is closed (slowloris guard). */
  loginTimeoutSeconds: z.number().int().min(1).max(600).default(60).describe('a login not finished in time is closed'),
  /** CLI-only logins at once (SPEC §9). */
  maxCliLogins: z.number().int().min(1).max(1024).default(64).describe('CLI-only logins at once (port connections are limited by the profile)'),
  /**
   * SPEC §10 web console and JSON API on the same `bind`: 8080 by default, 0 = off, -1 = an
   * ephemeral port reported in `ccmd.ready.json` as `web` (for tests).
   */
  webPort: listenPort.default(8080).describe('web console, JSON API, /metrics and /healthz (0: off)'),
  /** PEM files for HTTPS (SPEC §10); without them the web is plain HTTP, and the log says so. */
  webTls: z.object({
    cert: z.string().min(1).describe('PEM certificate (chain) file'),
    key: z.string().min(1).describe('PEM private key file'),
  }).strict().optional().describe('HTTPS; absent: plain HTTP, and the log says so'),
  /**
   * Seconds an HTTP client may take to send a request's headers and body, and may keep an idle
   * connection open; bounds connections that never send a request (issue 10 bad input).
   */
  webRequestTimeoutSeconds: z.number().int().min(1).max(300).default(10)
    .describe('an HTTP client must send its request within this; idle connections are closed after it'),
  /** HTTP connections at once (browsers, scripts, idle ones together); more are refused. */
  webMaxConnections: z.number().int().min(8).max(65536).default(256).describe('HTTP connections at once; more are refused at accept'),
  /**
   * Issue 12 item 10: the appliance's MAC address, whose last three octets name the ports by
   * default (`3A-0F-C2-P7`). Absent: the one taken at the first start (the host's first network
   * interface's, else a random one), kept in the database.
   */
  applianceMac: z.string().regex(MAC_ADDRESS, 'must be a MAC address like 02:00:5e:3a:0f:c2').optional()
    .describe('MAC address for default port names (xx-xx-xx-Pn); default: taken at first start and kept'),
  /** Per-port log files (issue 6). */
  portLogs: z.object({
    enabled: z.boolean().default(true).describe('per-port log files in <data dir>/logs/ (PORT n SET LOG= turns one port off)'),
    maxBytes: z.number().int().min(1024).default(1024 * 1024).describe('a log file rotates at this size'),
    keep: z.number().int().min(1).max(100).default(5).describe('rotated files kept (port<n>.log.1 newest)'),
  }).strict().default({ enabled: true, maxBytes: 1024 * 1024, keep: 5 }).describe('per-port log files'),
  ports: z.record(z.string().regex(/^[0-9]+$/, 'port keys are port numbers'), portConfigSchema).default({})
    .describe('per port number: its device and starting settings'),
}).strict();

export type PortConfig = z.infer<typeof portConfigSchema>;
export type PowerStripConfig = z.infer<typeof powerStripConfigSchema>;
export type Config = z.infer<typeof configSchema>;
