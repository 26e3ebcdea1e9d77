import { describe, expect, it } from 'vitest';
import { defaultPortName, isMacAddress, macSuffix, shownPortName } from './port-name.js';

describe('default port names (issue 12 item 10: the manual\'s xx-xx-xx Pn)', () => {
  it('are the last three octets of the MAC, upper case, and the port number', () => {
    expect(defaultPortName(macSuffix('02:00:5e:3a:0f:c2'), 7)).toBe('3A-0F-C2-P7');
    expect(defaultPortName(macSuffix('00-1B-21-AA-BB-0C'), 48)).toBe('AA-BB-0C-P48');
  });

  it('a name set with NAME= wins', () => {
    expect(shownPortName('router1', '3A-0F-C2', 1)).toBe('router1');
    expect(shownPortName(null, '3A-0F-C2', 1)).toBe('3A-0F-C2-P1');
  });

  it('refuses what is not a MAC address', () => {
    expect(isMacAddress('02:00:5e:3a:0f')).toBe(false);
    expect(isMacAddress('zz:00:5e:3a:0f:c2')).toBe(false);
    expect(() => macSuffix('nope')).toThrow(RangeError);
  });
});
