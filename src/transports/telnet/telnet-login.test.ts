import { describe, expect, it } from 'vitest';
import { TOO_MANY_LOGINS, type AuthOutcome, type Authenticator, type LoginGate, type LoginTarget } from '../auth.js';
import { CliLoginGate } from '../login-gate.js';
import type { ClientInfo } from '../terminal.js';
import { LineReader, LoginDialogue, MAX_LINE_BYTES } from './telnet-login.js';

const client: ClientInfo = { method: 'telnet', address: '127.0.0.1', remotePort: 5000, host: '127.0.0.1', listener: 'telnet-cli' };

describe('LineReader', () => {
  const cases: { name: string; chunks: string[]; lines: string[] }[] = [
    { name: 'CR ends a line', chunks: ['abc\r'], lines: ['abc'] },
    { name: 'CR LF is one line end', chunks: ['abc\r\ndef\r\n'], lines: ['abc', 'def'] },
    { name: 'CR NUL is one line end', chunks: ['abc\r\0def\r'], lines: ['abc', 'def'] },
    { name: 'CR LF split across chunks', chunks: ['abc\r', '\ndef\r'], lines: ['abc', 'def'] },
    { name: 'LF alone ends a line', chunks: ['abc\n'], lines: ['abc'] },
    { name: 'backspace and DEL erase', chunks: ['abx\bc\x7f\x7fd\r'], lines: ['ad'] },
    { name: '^U erases the line', chunks: ['wrong\x15right\r'], lines: ['right'] },
    { name: 'other control bytes are ignored', chunks: ['a\x01b\x1bc\r'], lines: ['abc'] },
  ];
  it.each(cases)('$name', ({ chunks, lines }) => {
    const reader = new LineReader();
    const seen: string[] = [];
    for (const chunk of chunks) {
      let rest: Buffer = Buffer.from(chunk, 'latin1');
      while (rest.length > 0) {
        const step = reader.read(rest, false);
        if (step.line !== null) seen.push(step.line);
        rest = step.rest;
      }
    }
    expect(seen).toEqual(lines);
  });

  it('echoes typed characters and erasures only when asked', () => {
    const reader = new LineReader();
    expect(reader.read(Buffer.from('ab\b'), true).echo?.toString()).toBe('ab\b \b');
    expect(reader.read(Buffer.from('cd'), false).echo).toBeNull();
  });

  it('keeps at most MAX_LINE_BYTES of a line', () => {
    const step = new LineReader().read(Buffer.from(`${'x'.repeat(1000)}\r`), true);
    expect(step.line).toHaveLength(MAX_LINE_BYTES);
    expect(step.echo).toHaveLength(MAX_LINE_BYTES);
  });
});

class ScriptedAuthenticator implements Authenticator {
  readonly checks: string[] = [];
  constructor(private readonly answer: (user: string, password: string) => AuthOutcome) {}
  checkPassword(user: string, password: string): Promise<AuthOutcome> {
    this.checks.push(user);
    return Promise.resolve(this.answer(user, password));
  }
  checkPublicKey(): Promise<AuthOutcome> {
    return Promise.resolve({ ok: false, reason: 'method-disabled' });
  }
  sshMethods() {
    return { password: true, publicKey: false, enabled: true };
  }
}

function dialogue(answer: (user: string, password: string) => AuthOutcome, fixedPort?: number, gate?: LoginGate) {
  const out: string[] = [];
  const result: { login?: { user: string; target: LoginTarget }; typeahead?: Buffer; gaveUp: boolean } = { gaveUp: false };
  const authenticator = new ScriptedAuthenticator(answer);
  const login = new LoginDialogue({
    authenticator,
    parseLoginName: (name) =>
      name.includes('!') ? { ok: false, error: 'bad' } : { ok: true, user: name.split(':')[0] ?? '', port: name.includes(':') ? 7 : null, exclusive: false },
    fixedPort,
    client,
    gate,
    write: (text) => out.push(text.toString()),
    onSuccess: (accepted, typeahead) => Object.assign(result, { login: accepted, typeahead }),
    onGiveUp: () => (result.gaveUp = true),
  });
  login.start();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { login, out, result, authenticator, settle, text: () => out.join('') };
}

const onlyAlice = (user: string, password: string): AuthOutcome =>
  user === 'alice' && password === 'pw' ? { ok: true, user } : user === 'locked' ? { ok: false, reason: 'locked' } : { ok: false, reason: 'bad-credentials' };

describe('LoginDialogue (SPEC §9)', () => {
  it('prompts, echoes the name but never the password, and logs in', async () => {
    const d = dialogue(onlyAlice);
    d.login.receive(Buffer.from('alice\r\n'));
    d.login.receive(Buffer.from('pw\r\n'));
    await d.settle();
    expect(d.text()).toBe('Username: alice\r\nPassword: \r\n');
    expect(d.result.login).toEqual({ user: 'alice', target: { port: null, exclusive: false } });
  });

  it('a wrong password gives Login incorrect and a new Username: prompt', async () => {
    const d = dialogue(onlyAlice);
    d.login.receive(Buffer.from('alice\rnope\r'));
    await d.settle();
    expect(d.text()).toBe('Username: alice\r\nPassword: \r\nLogin incorrect\r\nUsername: ');
    expect(d.result.login).toBeUndefined();
  });

  it('a locked user and a malformed name get the same Login incorrect', async () => {
    const d = dialogue(onlyAlice);
    d.login.receive(Buffer.from('locked\rpw\r'));
    await d.settle();
    d.login.receive(Buffer.from('a!b\rpw\r'));
    await d.settle();
    expect(d.text().match(/Login incorrect\r\nUsername: /g)).toHaveLength(2);
    expect(d.authenticator.checks).toEqual(['locked']); // a malformed name is never checked
  });

  it('gives up after the third failure', async () => {
    const d = dialogue(onlyAlice);
    for (let i = 0; i < 3; i++) {
      d.login.receive(Buffer.from('alice\rbad\r'));
      await d.settle();
    }
    expect(d.result.gaveUp).toBe(true);
    expect(d.text().endsWith('Login incorrect\r\n')).toBe(true);
    d.login.receive(Buffer.from('alice\rpw\r'));
    await d.settle();
    expect(d.result.login).toBeUndefined();
  });

  it('an empty name asks again without counting as a failure', async () => {
    const d = dialogue(onlyAlice);
    d.login.receive(Buffer.from('\r\r'));
    expect(d.text()).toBe('Username: \r\nUsername: \r\nUsername: ');
    expect(d.authenticator.checks).toEqual([]);
  });

  it('hands over what was typed after the password, and uses the fixed port', async () => {
    const d = dialogue(onlyAlice, 5);
    d.login.receive(Buffer.from('alice\r\npw\r'));
    d.login.receive(Buffer.from('\nls\r'));
    await d.settle();
    expect(d.result.login?.target).toEqual({ port: 5, exclusive: false });
    expect(d.result.typeahead?.toString()).toBe('ls\r');
  });

  it('replays typed-ahead input after a failure', async () => {
    const d = dialogue(onlyAlice);
    d.login.receive(Buffer.from('alice\rbad\ralice\rpw\r'));
    await d.settle();
    await d.settle();
    expect(d.result.login?.user).toBe('alice');
  });

  it('ignores an answer that arrives after stop()', async () => {
    const d = dialogue(onlyAlice);
    d.login.receive(Buffer.from('alice\rpw\r'));
    d.login.stop();
    await d.settle();
    expect(d.result.login).toBeUndefined();
  });

  it('asks the gate before the check: turned away, it says so and gives up unchecked', async () => {
    const d = dialogue(onlyAlice, undefined, new CliLoginGate(1, () => 1));
    d.login.receive(Buffer.from('alice\rpw\r'));
    await d.settle();
    expect(d.text()).toBe(`Username: alice\r\nPassword: \r\n${TOO_MANY_LOGINS}\r\n`);
    expect(d.result.gaveUp).toBe(true);
    expect(d.authenticator.checks).toEqual([]);
  });

  it('holds the place while checking; gives it back on failure and on stop(), commits on success', async () => {
    const gate = new CliLoginGate(1, () => 0);
    const d = dialogue(onlyAlice, undefined, gate);
    d.login.receive(Buffer.from('alice\rbad\r'));
    expect(gate.authenticating).toBe(1);
    await d.settle();
    expect(gate.authenticating).toBe(0);
    d.login.receive(Buffer.from('alice\rpw\r'));
    await d.settle();
    expect(d.result.login?.user).toBe('alice');
    expect(gate.authenticating).toBe(0);
    const stopped = dialogue(onlyAlice, undefined, gate);
    stopped.login.receive(Buffer.from('alice\rpw\r'));
    expect(gate.authenticating).toBe(1);
    stopped.login.stop();
    expect(gate.authenticating).toBe(0);
  });
});
