import { describe, expect, it } from 'vitest';
import { formatAccessList } from '../domain/rights.js';
import { combineGrants, grantsFromFilterIds, parseAccess } from './grant.js';

const text = (t: string | null | undefined) => (t === null || t === undefined ? null : t);

describe('remote grants (issue 15)', () => {
  it.each([
    ['APPLIANCEADMIN', 'PALL,USER,SCON,SMON,PCON,BREAK'],
    ['admin', 'PALL,USER,SMON,PCON,BREAK'],
    ['P1-4,SMON', 'P1-4,SMON'],
    [' PALL,SMON ', 'PALL,SMON'],
  ])('%s grants %s', (grant, expected) => {
    const access = parseAccess(grant, 16);
    expect(text(access && formatAccessList(access))).toBe(expected);
  });

  it.each(['', 'P99', 'ROOT', 'P1,,SMON', 'P4-1'])('%j is not a grant', (grant) => {
    expect(parseAccess(grant, 16)).toBeNull();
  });

  it('several grants add up; invalid ones are ignored', () => {
    const access = combineGrants(['P1-2', 'bogus', 'P4,BREAK', 'SMON'], 16);
    expect(access && formatAccessList(access)).toBe('P1-2,P4,SMON,BREAK');
    expect(combineGrants(['bogus'], 16)).toBeNull();
    expect(combineGrants([], 16)).toBeNull();
  });

  it('only Filter-Id values with the ccmd: prefix are grants', () => {
    expect(grantsFromFilterIds(['ccmd:P1-4,SMON', 'CCMD:ADMIN', 'vpn-users', 'ccmd'])).toEqual(['P1-4,SMON', 'ADMIN']);
  });
});
