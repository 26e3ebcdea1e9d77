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

/** Reads `file` (or the defaults when `file` is undefined) and checks port keys against the profile. */
export function loadConfig(file: string | undefined, overrides: Partial<Config> = {}): { config: Config; profile: Profile } {
  const raw = file === undefined ? {} : readJson(file);
  const merged = { ...(raw as object), ...definedOnly(overrides) };
  const config = parseConfig(file ?? '(defaults)', merged);
  const profile = loadProfile(config.profile);
  const bad = Object.keys(config.ports).filter((k) => Number(k) < 1 || Number(k) > profile.ports);
  if (bad.length > 0) {
    throw new ConfigError(file ?? '(defaults)', bad.map((k) => `ports.${k}: profile ${profile.name} has ports 1-${profile.ports}`));
  }
  return { config, profile };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
