import { openSync, fstatSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InheritedListeners, INHERITED_LISTENERS_ENV, parseInherited } from './inherited-listeners.js';

describe('InheritedListeners (SERVER REBOOT hand-over, issue 12)', () => {
  it('round-trips the names, descriptors and ports through the environment, and removes the variable', () => {
    const value = InheritedListeners.envValue([
      { name: 'telnet-cli', fd: 21, port: 2323 }, { name: 'ssh-port-3', fd: 22, port: 40001 },
    ], 4);
    const env: NodeJS.ProcessEnv = { [INHERITED_LISTENERS_ENV]: value };
    const inherited = InheritedListeners.fromEnv(env);
    expect(env[INHERITED_LISTENERS_ENV]).toBeUndefined();
    expect(inherited.take('telnet-cli', 2323)).toBe(4);
    expect(inherited.take('telnet-cli', 2323)).toBeUndefined(); // taken once
    expect(inherited.take('ssh-port-3', 0)).toBe(5); // ephemeral: whatever port it had
  });

  it('a listener configured on another port binds anew (the socket is not taken)', () => {
    const inherited = new InheritedListeners(parseInherited(JSON.stringify({ 'telnet-cli': { fd: 9, port: 2323 } })));
    expect(inherited.take('telnet-cli', 2424)).toBeUndefined();
    expect(inherited.take('ssh-cli', 0)).toBeUndefined();
  });

  it('malformed text, stdio descriptors and non-numbers hand over nothing', () => {
    expect(parseInherited('not json')).toEqual(new Map());
    expect(parseInherited(JSON.stringify({ a: { fd: 1, port: 2 }, b: { fd: 'x', port: 2 }, c: null }))).toEqual(new Map());
    expect(parseInherited(undefined)).toEqual(new Map());
  });

  it('closeUnused closes what no listener took', () => {
    const fd = openSync('/dev/null', 'r');
    const inherited = new InheritedListeners(new Map([['web', { fd, port: 8080 }]]));
    inherited.closeUnused();
    expect(() => fstatSync(fd)).toThrow(/EBADF/);
  });
});
