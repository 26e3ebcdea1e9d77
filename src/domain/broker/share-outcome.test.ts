import { describe, expect, it } from 'vitest';
import { shareOutcome, withoutShare } from './share-outcome.js';

const ask = { kind: 'ask' };
const refuse = { kind: 'refuse' };
const end = { kind: 'choose', options: ['E', 'N', 'D'] };
const ensd = { kind: 'choose', options: ['E', 'N', 'S', 'D'] };

describe('shareOutcome: SPEC §4 table', () => {
  it.each([
    ['row 1: lower, QUERY, not exclusive → ask', 'USER', 'ADMIN', 'QUERY', false, ask],
    ['row 2: lower, QUERY, exclusive → refuse', 'ADMIN', 'APPLIANCEADMIN', 'QUERY', true, refuse],
    ['row 3: lower, DISABLE → refuse', 'USER', 'APPLIANCEADMIN', 'DISABLE', false, refuse],
    ['row 3: lower, AUTO, exclusive → refuse', 'USER', 'ADMIN', 'AUTO', true, refuse],
    ['row 4: equal, DISABLE → E, N, D', 'USER', 'USER', 'DISABLE', false, end],
    ['row 4: higher, DISABLE, exclusive → E, N, D', 'ADMIN', 'USER', 'DISABLE', true, end],
    ['row 5: equal, AUTO, exclusive → E, N, D', 'ADMIN', 'ADMIN', 'AUTO', true, end],
    ['row 5: higher, QUERY, exclusive → E, N, D', 'APPLIANCEADMIN', 'USER', 'QUERY', true, end],
    ['row 6: equal, AUTO, not exclusive → E, N, S, D', 'USER', 'USER', 'AUTO', false, ensd],
    ['row 7: higher, QUERY, not exclusive → E, N, S, D', 'APPLIANCEADMIN', 'ADMIN', 'QUERY', false, ensd],
  ] as const)('%s', (_, requester, holder, mode, exclusive, expected) => {
    expect(shareOutcome({ requester, holder, mode, exclusive })).toEqual(expected);
  });

  it('withoutShare drops S only', () => {
    expect(withoutShare(['E', 'N', 'S', 'D'])).toEqual(['E', 'N', 'D']);
  });
});
