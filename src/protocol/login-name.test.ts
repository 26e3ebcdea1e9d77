import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOGIN_NAME, parseLoginName } from './login-name.js';

describe('parseLoginName (SPEC §2)', () => {
  it.each([
    ['jdoe', 'jdoe', null, false],
    ['jdoe:7', 'jdoe', 7, false],
    ['jdoe:router1', 'jdoe', 'router1', false],
    ['jdoe E', 'jdoe', null, true],
    ['jdoe e', 'jdoe', null, true],
    ['jdoe:E', 'jdoe', null, true],
    ['jdoe:e', 'jdoe', null, true],
    ['jdoe:7:E', 'jdoe', 7, true],
    ['jdoe:router1:e', 'jdoe', 'router1', true],
    ['jdoe:7 E', 'jdoe', 7, true],
    ['  JDoe  ', 'JDoe', null, false],
    ['a.b-c_d@x:07', 'a.b-c_d@x', 7, false],
  ])('%j → user %s, port %j, exclusive %s', (input, user, port, exclusive) => {
    expect(parseLoginName(input)).toEqual({ ok: true, user, port, exclusive });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [':7', 'User name is empty'],
    ['jdoe:', 'Port is empty'],
    ['jdoe::E', 'Port is empty'],
    ['jdoe:7:E:x', 'too many parts'],
    ['jdoe E E', 'too many parts'],
    ['jdoe X', 'only E is allowed'],
    ['jdoe:7:X', 'only E is allowed'],
    ['jdoe:E E', 'twice'],
    ['jdoe:7:E E', 'twice'],
    ['jd/oe', 'characters'],
    ['jdoe:ro uter', 'only E is allowed'],
    ['jdoe:r#1', 'not a port number or port name'],
    ['jdoe:123456', 'not a port number'],
    ['x'.repeat(MAX_LOGIN_NAME + 1), 'longer than 64'],
  ])('%j is refused (%s)', (input, text) => {
    const result = parseLoginName(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(text);
  });

  it('never throws, and a success only ever carries a valid user name', () => {
    const piece = fc.oneof(fc.constantFrom(':', ' ', 'E', 'e', '7', 'jdoe', '\t', '\u0000', 'é'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), (input) => {
        const result = parseLoginName(input);
        if (result.ok) return /^[A-Za-z0-9_.@-]+$/.test(result.user) && input.includes(result.user);
        return result.error.length > 0;
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the length bound applies to the name as typed', () => {
  it('refuses 65 characters even when trimming would leave 64', () => {
    expect(parseLoginName(` ${'9'.repeat(60)}jdoe`)).toEqual({ ok: false, error: 'Login name is longer than 64 characters' });
    expect(parseLoginName(`${'9'.repeat(60)}jdoe`).ok).toBe(true);
  });
});
