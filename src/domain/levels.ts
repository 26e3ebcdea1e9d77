/**
 * Access levels, SPEC §3: APPLIANCEADMIN > ADMIN > USER.
 * The order is what the broker compares when a requesting user meets a port in use (SPEC §4).
 */
export type Level = 'APPLIANCEADMIN' | 'ADMIN' | 'USER';

export const LEVELS: readonly Level[] = ['USER', 'ADMIN', 'APPLIANCEADMIN'];

const RANK: Record<Level, number> = { USER: 0, ADMIN: 1, APPLIANCEADMIN: 2 };

/** Numeric rank: higher outranks lower. */
export function levelRank(level: Level): number {
  return RANK[level];
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareLevels(a: Level, b: Level): number {
  return RANK[a] - RANK[b];
}

/** ADMIN and APPLIANCEADMIN may act on other users' sessions (SPEC §4 PRIVATE, §5 end). */
export function isAdministrator(level: Level): boolean {
  return RANK[level] >= RANK.ADMIN;
}
