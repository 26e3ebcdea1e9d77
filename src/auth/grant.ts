/**
 * Issue 15: how a remote server grants ccmd rights. A grant is a text value `ccmd:<access>`,
 * where `<access>` is a level name (`APPLIANCEADMIN`, `ADMIN`) or an access list as USER ADD
 * takes it (`P1-4,SMON`, `PALL,SMON,BREAK`). RADIUS carries it in `Filter-Id`, TACACS+ in the
 * authorization attribute `ccmd-access=<access>` (no prefix there: the attribute name says it),
 * LDAP maps group DNs to access lists. Several grants add up. Pure.
 */
import {
  accessList, ADMIN_ACCESS, APPLIANCEADMIN_ACCESS, parseAccessList, type AccessList,
} from '../domain/rights.js';

export const GRANT_PREFIX = 'ccmd:';

const LEVEL_GRANTS: Readonly<Record<string, AccessList>> = {
  APPLIANCEADMIN: APPLIANCEADMIN_ACCESS,
  ADMIN: ADMIN_ACCESS,
};

/** `APPLIANCEADMIN`, `ADMIN` or an access list; null when it is neither (the grant is ignored). */
export function parseAccess(text: string, portCount: number): AccessList | null {
  const trimmed = text.trim();
  const level = LEVEL_GRANTS[trimmed.toUpperCase()];
  if (level !== undefined) return level;
  if (trimmed === '') return null;
  const parsed = parseAccessList(trimmed, portCount);
  return parsed.ok ? parsed.value : null;
}

/** The union of two access lists. */
export function joinAccess(a: AccessList, b: AccessList): AccessList {
  return accessList(a.allPorts || b.allPorts, [...a.ports, ...b.ports], [...a.rights, ...b.rights]);
}

/**
 * What a set of granted access texts adds up to; null when none of them is a valid grant
 * (the caller then applies the configured default, or refuses the login).
 */
export function combineGrants(texts: readonly string[], portCount: number): AccessList | null {
  let result: AccessList | null = null;
  for (const text of texts) {
    const access = parseAccess(text, portCount);
    if (access !== null) result = result === null ? access : joinAccess(result, access);
  }
  return result;
}

/** RADIUS `Filter-Id` values: only those that start with `ccmd:` (case-insensitive) count. */
export function grantsFromFilterIds(values: readonly string[]): string[] {
  return values
    .filter((v) => v.slice(0, GRANT_PREFIX.length).toLowerCase() === GRANT_PREFIX)
    .map((v) => v.slice(GRANT_PREFIX.length));
}
