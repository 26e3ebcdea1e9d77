import { describe, expect, it } from 'vitest';
import {
  accessList, ADMIN_ACCESS, applyAccessEdit, applyGroupEdit, APPLIANCEADMIN_ACCESS,
  canAccessPort, DEFAULT_ACCESS, formatAccessList, levelOf, parseAccessEdit, parseAccessList,
  parseGroupList, type AccessList, type EditOp, type PortGroup,
} from './rights.js';

const PORTS = 16;

function parsed(text: string): AccessList {
  const r = parseAccessList(text, PORTS);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r.value;
}

/** `+list` / `-list` / `list` as the CLI tokenizer splits `ACCESS=+list` into operator and list. */
function splitOp(value: string): { op: EditOp; list: string } {
  if (value.startsWith('+')) return { op: 'add', list: value.slice(1) };
  if (value.startsWith('-')) return { op: 'remove', list: value.slice(1) };
  return { op: 'set', list: value };
}

function edited(current: string, value: string): string {
  const { op, list } = splitOp(value);
  return formatAccessList(applyAccessEdit(parsed(current), { op, list: parsed(list) }, PORTS));
}

describe('parseAccessList and formatAccessList', () => {
  it.each([
    ['P1-4,SMON', 'P1-4,SMON'],
    ['smon,p1-4', 'P1-4,SMON'],
    ['P3,P1,P2,P7', 'P1-3,P7'],
    ['P5-5', 'P5'],
    ['BREAK,PCON,SMON,SCON,USER,PALL', 'PALL,USER,SCON,SMON,PCON,BREAK'],
    ['PALL,P3', 'PALL'],
    ['SMON,SMON', 'SMON'],
    ['P16', 'P16'],
    ['', ''],
  ])('%s is %s', (text, canonical) => {
    expect(formatAccessList(parsed(text))).toBe(canonical);
  });

  it.each([
    ['FOO', 'FOO', /Unknown right 'FOO'/],
    ['P1-4,SMONX', 'SMONX', /Unknown right 'SMONX'/],
    ['P0', 'P0', /Port 0 in 'P0' is not a port \(1-16\)/],
    ['P17', 'P17', /Port 17/],
    ['P1-99', 'P1-99', /Port 99/],
    ['P4-1', 'P4-1', /runs backwards/],
    ['P', 'P', /Unknown right/],
    ['P1,,SMON', 'P1,,SMON', /Empty item/],
    ['P1-', 'P1-', /Unknown right/],
    ['ADMINS', 'ADMINS', /Unknown right 'ADMINS'/],
    ['P1,SUPERUSER', 'SUPERUSER', /Unknown right/],
  ])('%s is refused naming %s', (text, token, message) => {
    const r = parseAccessList(text, PORTS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.token).toBe(token);
      expect(r.message).toMatch(message);
    }
  });
});

describe('level names in ACCESS= (issue 12: a level name stands for its rights)', () => {
  function edit(current: string, value: string): string {
    const { op, list } = splitOp(value);
    const r = parseAccessEdit(op, list, PORTS);
    if (!r.ok) throw new Error(r.message);
    return formatAccessList(applyAccessEdit(parsed(current), r.value, PORTS));
  }
  it.each([
    ['=APPLIANCEADMIN', 'P1', 'applianceadmin', 'PALL,USER,SCON,SMON,PCON,BREAK'],
    ['=ADMIN', 'PALL,SCON', 'ADMIN', 'PALL,USER,SMON,PCON,BREAK'],
    ['=USER alone is the USER level (what a new user gets)', 'PALL,USER,SCON,SMON,PCON,BREAK', 'user', 'PALL,SMON'],
    ['=+ADMIN adds the bundle', 'P1,SCON', '+ADMIN', 'PALL,USER,SCON,SMON,PCON,BREAK'],
    ['=-ADMIN removes the bundle', 'PALL,USER,SCON,SMON,PCON,BREAK', '-ADMIN', 'SCON'],
    ['a level in a list expands', 'P1', 'ADMIN,SCON', 'PALL,USER,SCON,SMON,PCON,BREAK'],
    ['USER in a list is the right', 'PALL', 'P1,USER', 'P1,USER'],
    ['=+USER is the right', 'P1', '+USER', 'P1,USER'],
    ['=-USER is the right', 'PALL,USER,SMON', '-USER', 'PALL,SMON'],
  ])('%s: %s with ACCESS=%s gives %s', (_name, current, value, expected) => {
    expect(edit(current, value)).toBe(expected);
  });

  it('each level name gives a list of that level', () => {
    for (const level of ['APPLIANCEADMIN', 'ADMIN', 'USER'] as const) {
      const r = parseAccessEdit('set', level.toLowerCase(), PORTS);
      expect(r.ok && levelOf(r.value.list)).toBe(level);
    }
  });
});

describe('ACCESS=, ACCESS=+, ACCESS=-', () => {
  it.each([
    ['replace', 'PALL,SMON', 'P1-4,SMON', 'P1-4,SMON'],
    ['replace with nothing', 'PALL,SMON', '', ''],
    ['add a right', 'P1-4,SMON', '+BREAK', 'P1-4,SMON,BREAK'],
    ['add ports merging ranges', 'P1-4', '+P5-6,P9', 'P1-6,P9'],
    ['add PALL drops explicit ports', 'P1-4,SMON', '+PALL', 'PALL,SMON'],
    ['add ports under PALL changes nothing', 'PALL', '+P3', 'PALL'],
    ['remove a right', 'PALL,USER,SMON', '-USER', 'PALL,SMON'],
    ['remove a right not held', 'P1', '-SCON', 'P1'],
    ['remove ports', 'P1-8', '-P3-4', 'P1-2,P5-8'],
    ['remove a port from PALL expands it', 'PALL,SMON', '-P3', 'P1-2,P4-16,SMON'],
    ['remove PALL', 'PALL,SMON', '-PALL', 'SMON'],
    ['remove a right from PALL keeps PALL', 'PALL,SMON', '-SMON', 'PALL'],
  ])('%s: %s with %s gives %s', (_name, current, value, expected) => {
    expect(edited(current, value)).toBe(expected);
  });
});

describe('levelOf (the manual: SCON => APPLIANCEADMIN; USER or PCON => ADMIN; else USER)', () => {
  it.each([
    ['PALL,USER,SCON,SMON,PCON,BREAK', 'APPLIANCEADMIN'],
    ['PALL,USER,SMON,PCON,BREAK', 'ADMIN'],
    ['PALL,USER,SCON,SMON,PCON', 'APPLIANCEADMIN'],
    ['P1-16,USER,SCON,SMON,PCON,BREAK', 'APPLIANCEADMIN'],
    ['SCON', 'APPLIANCEADMIN'],
    ['P3,SCON,SMON', 'APPLIANCEADMIN'],
    ['PALL,SCON,SMON', 'APPLIANCEADMIN'],
    ['PALL,USER,SMON,PCON', 'ADMIN'],
    ['P1,PCON', 'ADMIN'],
    ['USER', 'ADMIN'],
    ['P2-4,USER,BREAK', 'ADMIN'],
    ['PALL,SMON', 'USER'],
    ['PALL,SMON,BREAK', 'USER'],
    ['P1-16', 'USER'],
    ['', 'USER'],
  ])('%s is %s', (text, level) => {
    expect(levelOf(parsed(text))).toBe(level);
  });

  it('the level constants are what SPEC §3 lists', () => {
    expect(formatAccessList(APPLIANCEADMIN_ACCESS)).toBe('PALL,USER,SCON,SMON,PCON,BREAK');
    expect(formatAccessList(ADMIN_ACCESS)).toBe('PALL,USER,SMON,PCON,BREAK');
    expect(formatAccessList(DEFAULT_ACCESS)).toBe('PALL,SMON');
    expect(levelOf(APPLIANCEADMIN_ACCESS)).toBe('APPLIANCEADMIN');
    expect(levelOf(ADMIN_ACCESS)).toBe('ADMIN');
  });
});

describe('canAccessPort (BY GROUP rule)', () => {
  const lab: PortGroup = { name: 'lab', ports: [1, 2] };
  const core: PortGroup = { name: 'core', ports: [9] };
  const cases: [string, string, string[], number, PortGroup[], boolean][] = [
    ['PALL, no groups', 'PALL', [], 5, [], true],
    ['PALL ignores groups', 'PALL', [], 5, [lab], true],
    ['own port, no groups', 'P1-4', [], 3, [], true],
    ['not own port, no groups', 'P1-4', [], 5, [], false],
    ['own port once groups exist, no membership', 'P1-4', [], 3, [lab], false],
    ['port of own group', 'P7', ['lab'], 2, [lab, core], true],
    ['own P entry no longer counts once groups exist', 'P7', ['lab'], 7, [lab, core], false],
    ['port of another group', '', ['lab'], 9, [lab, core], false],
    ['member of a group that does not exist', '', ['gone'], 1, [lab], false],
    ['group names match exactly', '', ['LAB'], 1, [lab], false],
    ['no rights at all', '', [], 1, [], false],
  ];
  it.each(cases)('%s', (_name, access, userGroups, port, groups, expected) => {
    expect(canAccessPort({ access: parsed(access), groups: userGroups }, port, groups)).toBe(expected);
  });
});

describe('GROUP=, GROUP=+, GROUP=-', () => {
  function group(current: string[], value: string): readonly string[] {
    const { op, list } = splitOp(value);
    const names = parseGroupList(list);
    if (!names.ok) throw new Error(names.message);
    return applyGroupEdit(current, { op, list: names.value });
  }
  it.each([
    ['replace', ['a'], 'lab,core', ['lab', 'core']],
    ['add keeps order, no duplicates', ['lab'], '+core,lab', ['lab', 'core']],
    ['remove', ['lab', 'core'], '-lab', ['core']],
    ['remove absent', ['lab'], '-core', ['lab']],
    ['clear', ['lab'], '', []],
  ])('%s', (_name, current, value, expected) => {
    expect(group(current, value)).toEqual(expected);
  });

  it.each([
    ['bad name', 'lab,c ore', 'c ore'],
    ['too long', 'abcdefghijklmnopq', 'abcdefghijklmnopq'],
    ['empty item', 'lab,,core', 'lab,,core'],
  ])('%s is refused naming the token', (_name, text, token) => {
    const r = parseGroupList(text);
    expect(r).toMatchObject({ ok: false, token });
  });

  it('accessList keeps the canonical form', () => {
    expect(accessList(true, [3, 1], ['SMON'])).toEqual({ allPorts: true, ports: [], rights: ['SMON'] });
    expect(accessList(false, [3, 1, 3], [])).toEqual({ allPorts: false, ports: [1, 3], rights: [] });
  });
});
