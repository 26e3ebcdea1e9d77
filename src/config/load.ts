/**
 * Loading the config file and the profile, reporting every problem with its file and path.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodError } from 'zod';
import type { Profile } from '../domain/profile.js';
import { configSchema, profileSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** The repository's `profiles/` folder, found from this file in both `src/` and `dist/`. */
export const PROFILES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'profiles');

function describe(error: ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top)'}: ${issue.message}`);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
}

export function parseProfile(file: string, raw: unknown): Profile {
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, describe(parsed.error));
  const p = parsed.data;
  if (p.maxSessions < p.maxPerPort) {
    throw new ConfigError(file, ['maxSessions: must be at least maxPerPort']);
  }
  return p;
}

export function loadProfile(name: string, dir = PROFILES_DIR): Profile {
  const file = join(dir, `${name}.json`);
  return parseProfile(file, readJson(file));
}

export function parseConfig(file: string, raw: unknown): Config {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, describe(parsed.error));
  return parsed.data;
}

/**
 * The embedded default's devices (used when no config file is given, so `npm start` shows every
 * kind): every port the built-in simulated console device, except the profile's last port, which
 * holds the simulated power strip with TD=SPC (issue 12: `SPC <n> STATUS` works out of the box).
 */
export function embeddedPorts(profile: Profile): Config['ports'] {
  return { [String(profile.ports)]: { powerStrip: { outlets: 8, cycleSeconds: 5 }, td: 'SPC' } };
}

/** Reads `file` (or the embedded default when `file` is undefined) and checks port keys against the profile. */
export function loadConfig(file: string | undefined, overrides: Partial<Config> = {}): { config: Config; profile: Profile } {
  const raw = file === undefined ? {} : readJson(file);
  const merged = { ...(raw as object), ...definedOnly(overrides) };
  const parsed = parseConfig(file ?? '(defaults)', merged);
  const profile = loadProfile(parsed.profile);
  const config = file === undefined && Object.keys(parsed.ports).length === 0 ? { ...parsed, ports: embeddedPorts(profile) } : parsed;
  const bad = Object.keys(config.ports).filter((k) => Number(k) < 1 || Number(k) > profile.ports);
  if (bad.length > 0) {
    throw new ConfigError(file ?? '(defaults)', bad.map((k) => `ports.${k}: profile ${profile.name} has ports 1-${profile.ports}`));
  }
  return { config, profile };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
