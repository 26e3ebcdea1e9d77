/**
 * SPEC §4's decision table, and nothing else: what happens when a requesting user (RU) meets a
 * port in use. Limits, PRIVATE sessions and monitors are handled around it (connect.ts).
 */
import { compareLevels, type Level } from '../levels.js';
import type { Choice, ShareMode } from '../share.js';

export interface ShareQuestion {
  /** RU's level. */
  readonly requester: Level;
  /** The highest level among the port's granted connections (SPEC §4 decided). */
  readonly holder: Level;
  readonly mode: ShareMode;
  /** Whether the port is held exclusively. */
  readonly exclusive: boolean;
}

/** refuse: `Port n in use`. ask: the SO is asked Y/N. choose: RU is offered these keys. */
export type ShareOutcome =
  | { readonly kind: 'refuse' }
  | { readonly kind: 'ask' }
  | { readonly kind: 'choose'; readonly options: readonly Choice[] };

const PREEMPT_ONLY: readonly Choice[] = ['E', 'N', 'D'];
const PREEMPT_OR_SHARE: readonly Choice[] = ['E', 'N', 'S', 'D'];

/**
 * The table, row by row (SPEC §4):
 *
 * | RU vs holder    | share mode       | holder exclusive | outcome                          |
 * |-----------------|------------------|------------------|----------------------------------|
 * | lower           | QUERY            | no               | SO is asked                      |
 * | lower           | QUERY            | yes              | refused                          |
 * | lower           | DISABLE or AUTO  | either           | refused                          |
 * | equal or higher | DISABLE          | either           | chooses E, N or D                |
 * | equal or higher | any              | yes              | chooses E, N or D                |
 * | equal or higher | AUTO             | no               | chooses E, N, S or D (S joins)   |
 * | equal or higher | QUERY            | no               | chooses E, N, S or D (S asks SO) |
 */
export function shareOutcome(q: ShareQuestion): ShareOutcome {
  if (compareLevels(q.requester, q.holder) < 0) {
    return q.mode === 'QUERY' && !q.exclusive ? { kind: 'ask' } : { kind: 'refuse' };
  }
  if (q.mode === 'DISABLE' || q.exclusive) return { kind: 'choose', options: PREEMPT_ONLY };
  return { kind: 'choose', options: PREEMPT_OR_SHARE };
}

/** SPEC §9: on a full port (or appliance) a requester who could preempt gets E, N or D, never S. */
export function withoutShare(options: readonly Choice[]): readonly Choice[] {
  return options.filter((o) => o !== 'S');
}
