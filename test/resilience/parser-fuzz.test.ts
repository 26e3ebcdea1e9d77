/**
 * Hostile input against the parsers a network client reaches, with fast-check: the CLI registry
 * holding the daemon's REAL command set (src/cli/commands/index.ts), the
 * Telnet layer as a connection sees it (codec → login dialogue), and the login-name grammar.
 * No input may throw, hang (every call is timed), leak a password into an echoed error line, or
 * let a login through that the authenticator did not accept.
 *
 * Inputs here: 100,000 (40k + 10k + 20k + 30k). The unit fuzzers beside the modules add ~270,000
 * more (telnet codec 125k, registry 100k on a test command set, login names 20k, tokenizer 10k,
 * access character 10k, line editor 5k).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandDeclaration } from '../../src/cli/command.js';
import type { CommandContext } from '../../src/cli/context.js';
import { formatCliError } from '../../src/cli/errors.js';
import { maskSecrets } from '../../src/cli/mask-secrets.js';
import { CommandRegistry } from '../../src/cli/registry.js';
import { RIGHTS, type Right } from '../../src/domain/rights.js';
import { MAX_LOGIN_NAME, parseLoginName } from '../../src/protocol/login-name.js';
import { TelnetCodec } from '../../src/protocol/telnet/index.js';
import { APPLIANCE_COMMANDS } from '../../src/cli/commands/index.js';
import type { Authenticator } from '../../src/transports/auth.js';
import { LoginDialogue, MAX_LINE_BYTES } from '../../src/transports/telnet/telnet-login.js';
import { splitAt } from '../support/split-at.js';

/**
 * Slowest single call allowed: a catastrophic regex or loop shows up as a time, not a hang.
 * Measured in CPU time of this process, not wall time: on a shared 2-core machine the wall clock
 * also counts the time other processes held the CPU, which made this bound fail under load with
 * inputs that parse in under 1 ms on their own.
 */
const SLOW_CALL_MS = 250;

function timed<T>(what: string, input: unknown, call: () => T): T {
  const start = process.cpuUsage();
  const result = call();
  const used = process.cpuUsage(start);
  const took = (used.user + used.system) / 1000;
  if (took > SLOW_CALL_MS) throw new Error(`${what} took ${took.toFixed(0)} ms of CPU on ${JSON.stringify(input).slice(0, 200)}`);
  return result;
}

// ---- the CLI registry with the daemon's own commands -------------------------------------------

const declarations: readonly CommandDeclaration<CommandContext>[] = APPLIANCE_COMMANDS;
const registry = new CommandRegistry<CommandContext>(declarations);

/** Every keyword, choice and parameter key the real commands declare, as an operator might type them. */
function vocabulary(): string[] {
  const words = new Set<string>();
  for (const d of registry.commands) {
    for (const element of d.path) {
      const bare = element.replace(/^\[|\]$/g, '').replace(/\.\.\.$/, '');
      const choices = /^<[^:>]+:([^>]+)>$/.exec(bare)?.[1];
      if (choices !== undefined) choices.split('|').forEach((c) => words.add(c));
      else if (!bare.startsWith('<')) words.add(bare);
    }
    for (const key of Object.keys(d.params ?? {})) {
      for (const value of ['', '1', '0', '-5', '99999999999', '+P3', '-P1-4', 'ALL', '"a b"', '^D', 'x'.repeat(40), 'QUERY', 'NONE']) {
        words.add(`${key}=${value}`);
      }
    }
  }
  for (const w of [...words]) if (/^[A-Z]{4,}$/.test(w)) words.add(w.slice(0, 3).toLowerCase());
  return [...words, '1', '16', '17', '0', '1-4', 'ALL', 'S1', 'S99999', 'router1', '"', '""', '=', '=+', 'x"y', '\t', 'é', '\u0000', '-'];
}

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...vocabulary()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const cliLine = fc.tuple(fc.array(word, { maxLength: 9 }), fc.constantFrom(' ', '  ', '\t', ' \t '))
  .map(([words, sep]) => words.join(sep));
const rightsHeld = fc.subarray([...RIGHTS]).map((held) => (right: Right) => held.includes(right));

describe('the CLI with the real command set', () => {
  it('has the commands of SPEC §6 to fuzz (the set is wired)', () => {
    const syntaxes = registry.commands.map((d) => d.syntax.split(' ').slice(0, 2).join(' '));
    expect(syntaxes).toEqual(expect.arrayContaining(['CONNECT <port>', 'LISTEN <port>', 'SHOW SESSIONS', 'USER ADD', 'PORT <n|n-m|ALL>', 'SERVER SHARE']));
  });

  it('40,000 random lines: parsing never throws or stalls, and errors point inside the line', () => {
    fc.assert(fc.property(cliLine, rightsHeld, (line, hasRight) => {
      const result = timed('parse', line, () => registry.parse(line, hasRight));
      if (result.kind === 'empty') return line.trim() === '';
      if (result.kind === 'command') {
        return [...result.args.words.values()].every((w) => line.slice(w.token.start, w.token.end) === w.token.text);
      }
      const at = result.failure.at;
      const lines = formatCliError(maskSecrets(line), at, result.failure.error);
      return lines.length >= 2 && /^ERR \d+ - /.test(lines[lines.length - 1] as string) &&
        (at === null || (at.start >= 0 && at.end > at.start && at.start <= line.length + 1));
    }), { numRuns: 40_000 });
  });

  it('10,000 lines with a PASSWORD= never echo the password in the error output', () => {
    const secret = fc.stringMatching(/^[a-z]{2}[0-9]{4}[a-z]{3}$/).map((s) => `Qz${s}`);
    const key = fc.constantFrom('PASSWORD', 'password', 'PAS', 'Passw', '"PASSWORD"');
    const quoted = fc.boolean();
    const line = fc.tuple(fc.array(word, { maxLength: 4 }), key, secret, quoted, fc.array(word, { maxLength: 3 }))
      .map(([before, k, s, q, after]) => ({ text: [...before, `${k}=${q ? `"${s} x"` : s}`, ...after].join(' '), secret: s }));
    fc.assert(fc.property(line, ({ text, secret: s }) => {
      const masked = maskSecrets(text);
      const result = registry.parse(text);
      const shown = result.kind === 'error' ? formatCliError(masked, result.failure.at, result.failure.error).join('\n') : masked;
      return masked.length === text.length && !shown.includes(s);
    }), { numRuns: 10_000 });
  });
});

// ---- the Telnet layer: codec, then the login dialogue -------------------------------------------

const TELNET_SPECIAL = [255, 255, 250, 240, 251, 252, 253, 254, 243, 244, 13, 10, 0, 8, 127, 21, 31, 1, 3, 24];
const telnetBytes = fc.array(fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TELNET_SPECIAL) },
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
), { maxLength: 300 }).map((a) => Buffer.from(a));
const cuts = fc.array(fc.nat({ max: 300 }), { maxLength: 5 });

/** An authenticator that accepts only `ok-user` / `ok-pass`, answering after a microtask. */
const authenticator: Authenticator = {
  checkPassword: async (user, password) => (user === 'ok-user' && password === 'ok-pass'
    ? { ok: true, user } : { ok: false, reason: 'bad-credentials' }),
  checkPublicKey: async () => ({ ok: false, reason: 'bad-credentials' }),
  sshMethods: () => ({ password: true, publicKey: true, enabled: true }),
};


describe('the Telnet layer as a connection sees it', () => {
  it('20,000 hostile streams through codec and login dialogue: no throw, no stall, bounded output, no false login', async () => {
    await fc.assert(fc.asyncProperty(telnetBytes, cuts, fc.boolean(), async (input, at, goodLogin) => {
      const codec = new TelnetCodec();
      codec.initialNegotiation();
      let written = 0;
      let accepted: string | null = null;
      const dialogue = new LoginDialogue({
        authenticator, parseLoginName, fixedPort: undefined,
        client: { method: 'telnet', address: '127.0.0.1', remotePort: 1, host: 'fuzz', listener: 'telnet-cli' },
        write: (text) => { written += text.length; },
        onSuccess: (login) => { accepted = login.user; },
        onGiveUp: () => undefined,
      });
      dialogue.start();
      const stream = goodLogin ? Buffer.concat([input, Buffer.from('\r\nok-user\r\nok-pass\r\n')]) : input;
      for (const part of splitAt(stream, at)) {
        const events = timed('telnet receive', [...part], () => codec.receive(part));
        for (const event of events) if (event.type === 'data') timed('login receive', [...event.data], () => dialogue.receive(event.data));
        await Promise.resolve(); // let a password check settle between chunks, as the socket would
      }
      await new Promise((r) => setImmediate(r));
      // Echo is at most the typed bytes plus a few prompts and erasures per line.
      const bounded = written <= stream.length * 3 + 200;
      // Only the accepted pair gets in; anything else the dialogue made of the bytes is refused.
      return bounded && (accepted === null || accepted === 'ok-user');
    }), { numRuns: 20_000 });
  });

  it('a 1 MiB login name with no Enter is kept to MAX_LINE_BYTES (the echo shows no more)', () => {
    let echoed = 0;
    const dialogue = new LoginDialogue({
      authenticator, parseLoginName, fixedPort: undefined,
      client: { method: 'telnet', address: '127.0.0.1', remotePort: 1, host: 'fuzz', listener: 'telnet-cli' },
      write: (text) => { echoed += text.length; },
      onSuccess: () => { throw new Error('no login without Enter'); },
      onGiveUp: () => undefined,
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    timed('1 MiB name', 'a'.repeat(16), () => { for (let i = 0; i < 16; i++) dialogue.receive(chunk); });
    expect(echoed).toBe(MAX_LINE_BYTES);
  });
});

// ---- the login-name grammar ---------------------------------------------------------------------

describe('the login-name grammar (SPEC §2)', () => {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(':', ' ', 'E', 'e', ':E', '7', '16', '0', '99999999999999999999', 'router1', 'jdoe', '\t', '\u0000', '\r', 'é', '\u202e', ':::') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  );
  const name = fc.oneof(
    { weight: 9, arbitrary: fc.array(piece, { maxLength: 12 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.string({ minLength: MAX_LOGIN_NAME, maxLength: 5000 }) },
  );

  it('30,000 hostile names: no throw, no stall, and a success names a plain user and a sane port', () => {
    fc.assert(fc.property(name, (input) => {
      const result = timed('parseLoginName', input, () => parseLoginName(input));
      if (!result.ok) return result.error.length > 0;
      const portOk = result.port === null || (typeof result.port === 'number' ? Number.isSafeInteger(result.port) && result.port >= 0
        : /^[A-Za-z0-9_.-]+$/.test(result.port));
      return input.length <= MAX_LOGIN_NAME && /^[A-Za-z0-9_.@-]+$/.test(result.user) && input.includes(result.user) && portOk;
    }), { numRuns: 30_000 });
  });
});
