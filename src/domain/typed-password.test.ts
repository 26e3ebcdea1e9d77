import { describe, expect, it } from 'vitest';
import { typedTwice } from './typed-password.js';

describe('typedTwice (a new password typed at two questions)', () => {
  it('the same line twice is the password', () => {
    expect(typedTwice('jdoe-pw1', 'jdoe-pw1')).toEqual({ ok: true, password: 'jdoe-pw1' });
  });

  it.each([
    ['different lines', 'jdoe-pw1', 'jdoe-pw2', 'the two passwords typed differ'],
    ['a cancelled first question', null, null, 'no password typed'],
    ['an empty first line', '', '', 'no password typed'],
    ['a cancelled second question', 'jdoe-pw1', null, 'no password typed'],
  ])('%s: no password, and why', (_case, first, again, why) => {
    expect(typedTwice(first, again)).toEqual({ ok: false, why });
  });
});
