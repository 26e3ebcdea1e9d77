/**
 * First start (SPEC §3): an empty user database gets `Admin` with every right
 * (APPLIANCEADMIN). The password comes from `CCMD_ADMIN_PASSWORD`, or is generated and written
 * once to `<data dir>/initial-admin-password` (mode 0600). The password is never logged and
 * never part of the result.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { APPLIANCEADMIN_ACCESS } from '../domain/rights.js';
import { randomPassword } from './passwords.js';
import type { UserRepository } from './user-repository.js';

export const BOOTSTRAP_ADMIN = 'Admin';
export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

export type BootstrapResult =
  /** Users exist: nothing was done. */
  | { readonly kind: 'existing' }
  | { readonly kind: 'created'; readonly user: string; readonly passwordFrom: 'environment' }
  | { readonly kind: 'created'; readonly user: string; readonly passwordFrom: 'generated'; readonly passwordFile: string }
  /** CCMD_ADMIN_PASSWORD breaks the password rules, or the write was refused; the daemon should stop. */
  | { readonly kind: 'failed'; readonly message: string };

export interface BootstrapOptions {
  readonly dataDir: string;
  /** `CCMD_ADMIN_PASSWORD` (pass `process.env.CCMD_ADMIN_PASSWORD`); undefined or '' generates one. */
  readonly adminPassword: string | undefined;
  readonly now: number;
}

/**
 * The file is written (and fsynced) before the user is committed: a crash in between leaves a
 * file for a user that does not exist yet, and the next start writes a new one, rather than an
 * admin whose password nobody has. A file left from an earlier database is replaced.
 */
function writePasswordFile(file: string, password: string): void {
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${password}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function bootstrapAdmin(users: UserRepository, options: BootstrapOptions): Promise<BootstrapResult> {
  if (users.count() > 0) return { kind: 'existing' };
  const fromEnv = options.adminPassword !== undefined && options.adminPassword !== '';
  const password = fromEnv ? options.adminPassword as string : randomPassword(16);
  const file = join(options.dataDir, INITIAL_PASSWORD_FILE);
  if (!fromEnv) writePasswordFile(file, password);
  const added = await users.add(BOOTSTRAP_ADMIN, { password, access: APPLIANCEADMIN_ACCESS }, options.now);
  if (!added.ok) {
    // The message never holds the password (users.ts); name the variable instead.
    return { kind: 'failed', message: fromEnv ? `CCMD_ADMIN_PASSWORD: ${added.message}` : added.message };
  }
  return fromEnv
    ? { kind: 'created', user: BOOTSTRAP_ADMIN, passwordFrom: 'environment' }
    : { kind: 'created', user: BOOTSTRAP_ADMIN, passwordFrom: 'generated', passwordFile: file };
}
