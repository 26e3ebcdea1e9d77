import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Right } from '../domain/rights.js';
import type { CliContext, CommandArgs, CommandDeclaration } from './command.js';
import { failure } from './command.js';
import { help } from './commands/help.js';
import { cliError } from './errors.js';
import { integer, oneOf, text } from './param-checks.js';
import { CommandRegistry } from './registry.js';
import { tokenize } from './tokenizer.js';

interface TestCtx extends CliContext {
  readonly rights: Set<Right>;
  readonly out: string[];
  readonly ran: { name: string; args: CommandArgs<TestCtx> }[];
}

function makeCtx(rights: Right[] = ['PCON', 'SCON', 'SMON', 'USER', 'BREAK']): TestCtx {
  const out: string[] = [];
  return { rights: new Set(rights), out, ran: [], hasRight(r) { return this.rights.has(r); }, print: (l) => out.push(l) };
}

/** A fake command that records that it ran. */
function fake(path: string[], extra: Partial<CommandDeclaration<TestCtx>> = {}): CommandDeclaration<TestCtx> {
  return {
    path, syntax: path.join(' '), help: `Does ${path.join(' ')}.`,
    run(ctx, args) { ctx.ran.push({ name: path.join(' '), args }); },
    ...extra,
  };
}

const FAKE_COMMANDS: CommandDeclaration<TestCtx>[] = [
  fake(['CONNECT', '<port>', '[EXCLUSIVE]']),
  fake(['DISCONNECT']),
  fake(['SHOW', 'PORT', '[<which>]']),
  fake(['SHOW', 'SESSIONS']),
  fake(['SHOW', 'SESSION', '<id>', '[HISTORY]']),
  fake(['SESSION', '<id>', 'END']),
  fake(['SESSION', '<id>', 'SET'], { params: { ACCESS: { check: oneOf('PUBLIC', 'PRIVATE') } } }),
  fake(['PORT', '<n>', 'SET'], {
    right: 'PCON',
    params: {
      NAME: { check: text(0, 32) }, BAUD: { check: integer(50, 4_000_000) },
      PARITY: { check: oneOf('NONE', 'EVEN', 'ODD') }, TIMEOUT: { check: integer(0, 999) },
    },
  }),
  fake(['PORT', '<n>', 'BREAK'], { right: 'BREAK' }),
  fake(['SERVER', 'SHARE', '[<mode:DISABLE|AUTO|QUERY>]'], { right: 'SCON', params: { TIMEOUT: { check: integer(1, 3600) } } }),
  fake(['SERVER', 'SSH', '<mode:ENABLE|DISABLE>'], { right: 'SCON' }),
  fake(['USER', 'ADD', '<name>'], {
    right: 'USER',
    params: { PASSWORD: { check: text(3, 16) }, ACCESS: { check: text(1, 200), listOps: true } },
    run(_ctx, args) { return args.words.get('name')!.text === 'taken' ? failure(cliError('invalidValue', 'user exists'), args.words.get('name')!.token) : undefined; },
  }),
  help,
];

const registry = new CommandRegistry(FAKE_COMMANDS);

function parsed(line: string, rights?: Right[]) {
  const ctx = makeCtx(rights);
  const result = registry.parse(line, (r) => ctx.hasRight(r));
  if (result.kind !== 'command') throw new Error(`expected a command, got ${JSON.stringify(result)}`);
  return { syntax: result.command.syntax, args: result.args };
}

async function errorOf(line: string, rights?: Right[]): Promise<string[]> {
  const result = await registry.execute(makeCtx(rights), line);
  return result.ok ? [] : result.lines;
}

describe('CommandRegistry matching (SPEC §6)', () => {
  it.each([
    ['connect 3', 'CONNECT <port> [EXCLUSIVE]'],
    ['CON 3', 'CONNECT <port> [EXCLUSIVE]'],
    ['dis', 'DISCONNECT'],
    ['sho por', 'SHOW PORT [<which>]'],
    ['SHOW PORT ALL', 'SHOW PORT [<which>]'],
    ['show sessions', 'SHOW SESSIONS'],
    ['sho ses', 'SHOW SESSIONS'],
    ['show session S4', 'SHOW SESSION <id> [HISTORY]'],
    ['sho ses S4 his', 'SHOW SESSION <id> [HISTORY]'],
    ['session S4 end', 'SESSION <id> END'],
    ['ses S4 set access=private', 'SESSION <id> SET'],
    ['port 1-4 set baud=9600', 'PORT <n> SET'],
    ['port 3 bre', 'PORT <n> BREAK'],
    ['server share', 'SERVER SHARE [<mode:DISABLE|AUTO|QUERY>]'],
    ['ser ssh dis', 'SERVER SSH <mode:ENABLE|DISABLE>'],
    ['user add jdoe password=secret', 'USER ADD <name>'],
  ])('%j is %s', (line, syntax) => {
    expect(parsed(line).syntax).toBe(syntax);
  });

  it('captures words, flags and choices', () => {
    const { args } = parsed('con router1 EXC');
    expect(args.words.get('port')?.text).toBe('router1');
    expect([...args.flags]).toEqual(['EXCLUSIVE']);
    expect(parsed('server share aut').args.words.get('mode')?.text).toBe('AUTO');
    expect(parsed('show session S4 history').args.flags.has('HISTORY')).toBe(true);
  });

  it('validates and normalises parameters, keys abbreviated', () => {
    const { args } = parsed('port 3 set par=even BAUD=19200 name="my router"');
    expect(args.params.get('PARITY')?.value).toBe('EVEN');
    expect(args.params.get('BAUD')?.value).toBe(19200);
    expect(args.params.get('NAME')?.value).toBe('my router');
  });

  it('passes list operators only to parameters that take them', () => {
    const { args } = parsed('user add jdoe access=+P3');
    expect(args.params.get('ACCESS')).toMatchObject({ op: '=+', value: 'P3' });
    expect(parsed('port 3 set name=-x').args.params.get('NAME')).toMatchObject({ op: '=', value: '-x' });
  });

  it('an empty or blank line does nothing', async () => {
    expect(registry.parse('   ').kind).toBe('empty');
    expect(await registry.execute(makeCtx(), '')).toEqual({ ok: true });
  });

  it('runs the command with the context', async () => {
    const ctx = makeCtx();
    expect(await registry.execute(ctx, 'port 3 break')).toEqual({ ok: true });
    expect(ctx.ran.map((r) => r.name)).toEqual(['PORT <n> BREAK']);
  });
});

describe('CommandRegistry errors (SPEC §9 output)', () => {
  it.each([
    ['frobnicate 3', ['frobnicate 3', '----------', 'ERR 01 - Unknown command']],
    ['co 3', ['co 3', '--', 'ERR 01 - Unknown command']],
    ['show frob', ['show frob', '     ----', 'ERR 01 - Unknown command']],
    ['connect', ['connect', '        -', 'ERR 02 - Missing parameter: expected <port>']],
    ['port 3 set baud=fast', ['port 3 set baud=fast', '           ---------', 'ERR 03 - Invalid value: BAUD expected a number 50-4000000']],
    ['port 3 set color=red', ['port 3 set color=red', '           ---------', 'ERR 05 - Unknown parameter']],
    ['disconnect now', ['disconnect now', '           ---', 'ERR 10 - Too many parameters']],
    ['connect 3 later', ['connect 3 later', '          -----', 'ERR 05 - Unknown parameter']],
    ['server ssh maybe', ['server ssh maybe', '           -----', 'ERR 03 - Invalid value: expected ENABLE|DISABLE']],
    ['port 3 set baud=9600 baud=2', ['port 3 set baud=9600 baud=2', '                     ------', 'ERR 11 - Parameter given twice']],
    ['port 3 set name="x', ['port 3 set name="x', '           -------', 'ERR 14 - Missing closing quote']],
    ['baud=9600', ['baud=9600', '---------', 'ERR 01 - Unknown command']],
  ])('%j', async (line, lines) => {
    expect(await errorOf(line)).toEqual(lines);
  });

  it('reports an ambiguity the following words do not settle', async () => {
    const tied = new CommandRegistry<TestCtx>([fake(['SHOW', 'SESSIONS']), fake(['SHOW', 'SESSIONLOG'])]);
    const result = await tied.execute(makeCtx(), 'sho session');
    expect(result.ok ? [] : result.lines).toEqual(['sho session', '    -------', 'ERR 09 - Ambiguous keyword: SESSIONS or SESSIONLOG']);
  });

  it('checks rights before parameters, underlining the command', async () => {
    expect(await errorOf('port 3 set baud=fast', ['SMON'])).toEqual(['port 3 set baud=fast', '----', 'ERR 04 - Insufficient privileges: needs the PCON right']);
  });

  it('shows a failure returned by run, underlining its token', async () => {
    expect(await errorOf('user add taken')).toEqual(['user add taken', '         -----', 'ERR 03 - Invalid value: user exists']);
  });
});

describe('declaration checks (programming errors throw at start-up)', () => {
  it.each([
    [['<n>']], [['PORT', '[<a>]', '<b>']], [['PORT', '<n>', '<n>']], [['PORT', '[<a>...]', '[B]']], [['PORT', '<a>...']], [['Port']],
  ])('rejects path %j', (path) => {
    expect(() => new CommandRegistry([fake(path)])).toThrow();
  });

  it('rejects a parameter key that is not upper case', () => {
    expect(() => new CommandRegistry([fake(['PORT'], { params: { baud: { check: integer(1, 2) } } })])).toThrow(/upper case/);
  });

  it('lists its declarations in order', () => {
    expect(registry.commands).toEqual(FAKE_COMMANDS);
  });

  it('rejects two commands with the same shape', () => {
    expect(() => new CommandRegistry([fake(['PORT', '<n>']), fake(['PORT', '<m>'])])).toThrow(/two commands/);
  });
});

describe('HELP', () => {
  it('lists every command', async () => {
    const ctx = makeCtx();
    await registry.execute(ctx, 'help');
    expect(ctx.out[0]).toMatch(/^Commands/);
    expect(ctx.out).toContain('  PORT <n> SET');
    expect(ctx.out).toHaveLength(FAKE_COMMANDS.length + 1);
  });

  it('describes the commands starting with the words, with their right', async () => {
    const ctx = makeCtx();
    await registry.execute(ctx, 'hel por');
    expect(ctx.out).toEqual(['PORT <n> SET', '  Does PORT <n> SET.', '  Requires the PCON right.',
      'PORT <n> BREAK', '  Does PORT <n> BREAK.', '  Requires the BREAK right.']);
  });

  it('narrows by further words', async () => {
    const ctx = makeCtx();
    await registry.execute(ctx, 'help show sessions');
    expect(ctx.out).toEqual(['SHOW SESSIONS', '  Does SHOW SESSIONS.']);
  });

  it('an unknown topic is ERR 01 under the word', async () => {
    expect(await errorOf('help show frob')).toEqual(['help show frob', '          ----', 'ERR 01 - Unknown command']);
  });
});

describe('parser fuzzing', () => {
  const words = ['show', 'SHO', 'port', 'por', 'ses', 'session', 'sessions', 'set', 'S4', '3', '1-4', 'ALL', 'con', 'exc',
    'help', 'user', 'add', 'server', 'share', 'ssh', 'dis', 'baud=9600', 'BAUD=x', 'name="a b"', 'access=+P3', 'access=-',
    '=', '==', '"', 'x"y', 'par=', 'TIMEOUT=-5', '\t', 'é', '^D'];
  const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
  const line = fc.tuple(fc.array(word, { maxLength: 7 }), fc.constantFrom(' ', '  ', '\t', ' \t')).map(([w, sep]) => w.join(sep));
  const fullRights = (): boolean => true;

  it('100,000 random lines never throw and every error underlines inside the line', () => {
    fc.assert(
      fc.property(line, fc.boolean(), (text, privileged) => {
        tokenize(text);
        const result = registry.parse(text, privileged ? fullRights : () => false);
        if (result.kind === 'empty') return text.trim() === '';
        if (result.kind === 'command') {
          return [...result.args.words.values()].every((w) => text.slice(w.token.start, w.token.end) === w.token.text);
        }
        const at = result.failure.at;
        return at !== null && at.start >= 0 && at.end > at.start && at.start <= text.trimEnd().length + 1;
      }),
      { numRuns: 100_000 },
    );
  });
});
