/**
 * SPC <n> STATUS|ON|OFF|CYCLE (issue 12) through the real registry, the real services and a real
 * simulated power strip (test/support/fake-app.ts): the output, the underlined token of each
 * refusal, abbreviations, and HELP.
 */
import { describe, expect, it } from 'vitest';
import { contextFor, errorLines, registryOf, run } from '../../../test/support/fake-app.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { APPLIANCE_COMMANDS } from './index.js';

const registry = registryOf(APPLIANCE_COMMANDS);
useCommandApp({
  beforeEachTest: async () => { expect(await run(registry, admin, 'PORT 8 SET TD=SPC NAME=pdu1')).toEqual([]); },
});

describe('SPC', () => {
  it('STATUS prints the outlets; ON/OFF/CYCLE print what the strip reports', async () => {
    expect(await run(registry, admin, 'SPC 8 STATUS')).toEqual(['Outlet  State', '1       ON', '2       ON', '3       ON', '4       ON']);
    expect(await run(registry, admin, 'spc pdu1 off 2')).toEqual(['Outlet  State', '2       OFF']);
    expect(await run(registry, admin, 'SPC 8 CYC 4')).toEqual(['Outlet  State', '4       CYCLING']);
    expect(await run(registry, admin, 'SPC 8 STA 2')).toEqual(['Outlet  State', '2       OFF']);
    expect(admin.json.at(-1)).toEqual({ port: 8, outlets: [{ outlet: 2, state: 'OFF' }] });
  });

  it.each([
    ['SPC 2 STATUS', '2', 'ERR 41 - Not a power strip port: port 2 is TD=CONSOLE (PORT 2 SET TD=SPC)'],
    ['SPC 8 ON 9', '9', 'ERR 43 - No such outlet: bad outlet 9: 1-4'],
    ['SPC 8 ON x', 'x', 'ERR 03 - Invalid value: outlet must be a number 1-999'],
    ['SPC 8 OFF 0', '0', 'ERR 03 - Invalid value: outlet must be a number 1-999'],
    ['SPC 9 STATUS', '9', 'ERR 06 - Port out of range: 1-8'],
  ])('%s is refused with the token underlined, switching nothing', async (line, token, text) => {
    expect(await run(registry, admin, line)).toEqual(errorLines(line, token, text));
    expect([1, 2, 3, 4].map((n) => app.port(8).strip.outlet(n))).toEqual(['ON', 'ON', 'ON', 'ON']);
  });

  it('a silent strip is ERR 42 under the port', async () => {
    app.port(8).silentStrip = true;
    expect(await run(registry, admin, 'SPC 8 CYCLE 1')).toEqual(errorLines('SPC 8 CYCLE 1', '8', 'ERR 42 - Power strip not answering: port 8: no answer in 0.2 s'));
  });

  it('ON without an outlet is not a command form; HELP SPC describes both', async () => {
    expect((await run(registry, admin, 'SPC 8 ON')).at(-1)).toMatch(/^ERR 02 - Missing parameter/);
    const help = await run(registry, admin, 'HELP SPC');
    expect(help.join('\n')).toContain('SPC <n> STATUS [<outlet>]');
    expect(help.join('\n')).toContain('SPC <n> ON|OFF|CYCLE <outlet>');
  });

  it('a user with only the port right may use it; without it, ERR 04', async () => {
    await app.addUser('porter', 'P8');
    await app.addUser('nobody', 'P1');
    expect(await run(registry, contextFor(app, 'porter'), 'SPC 8 OFF 1')).toEqual(['Outlet  State', '1       OFF']);
    expect((await run(registry, contextFor(app, 'nobody'), 'SPC 8 STATUS')).at(-1))
      .toBe('ERR 04 - Insufficient privileges: port 8 (SPC needs PCON or access to the port)');
  });
});
