/**
 * Issue 12 item 11, the server half: SERVER SET refuses what belongs to the host (ERR 45),
 * SERVER REBOOT asks Y/N and restarts only on Y (SCON; a terminal needed), and the manual's
 * hardware commands (FLASH, NFS) answer ERR 46 with the reason, never `Unknown command`.
 * A real store under the fake runtime (test/support/fake-app.ts).
 */
import { describe, expect, it } from 'vitest';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { contextFor, errorLines, registryOf, run } from '../../../test/support/fake-app.js';
import { APPLIANCE_COMMANDS } from './index.js';

const registry = registryOf(APPLIANCE_COMMANDS);
const CLOCK = 'the clock is the host\'s; ccmd runs without root and never sets it (set it on the host: NTP, timedatectl)';

useCommandApp({ beforeEachTest: () => app.addUser('jdoe', 'PALL,SMON') });

describe('SERVER SET (ERR 45: the host\'s clock and network)', () => {
  it.each([
    ['SERVER SET TIME=12:00:00', 'TIME=12:00:00', `ERR 45 - Managed by the host system: TIME= ${CLOCK}`],
    ['ser set date=12/05/2026 time=12:00:00', 'date=12/05/2026', `ERR 45 - Managed by the host system: DATE= ${CLOCK}`],
    ['SERVER SET IP=10.0.0.9 MASK=255.0.0.0', 'IP=10.0.0.9',
      'ERR 45 - Managed by the host system: IP= the network address is the host\'s (configure the host\'s network; ccmd listens on its --bind address)'],
    ['SERVER SET', 'SET', 'ERR 02 - Missing parameter: DATE=, TIME=, IP=, MASK= or GATEWAY='],
  ])('%s', async (line, token, text) => {
    const lines = await run(registry, admin, line);
    if (token === 'SET') expect(lines).toEqual([line, `${' '.repeat(line.length + 1)}-`, text]);
    else expect(lines).toEqual(errorLines(line, token, text));
    expect(app.audits).toEqual([]);
  });

  it('needs SCON', async () => {
    const jdoe = contextFor(app, 'jdoe');
    expect(await run(registry, jdoe, 'SERVER SET TIME=12:00:00'))
      .toEqual(errorLines('SERVER SET TIME=12:00:00', 'SERVER', 'ERR 04 - Insufficient privileges: needs the SCON right'));
  });
});

describe('SERVER REBOOT', () => {
  it('asks Y/N; N changes nothing', async () => {
    admin.session?.answers.push(false);
    expect(await run(registry, admin, 'SERVER REBOOT')).toEqual(['Reboot cancelled']);
    expect(admin.session?.questions).toEqual(['Reboot the appliance? (Y/N)']);
    expect(app.reboots).toEqual([]);
    expect(app.audits).toEqual([]);
  });

  it('Y restarts, audited with who asked', async () => {
    admin.session?.answers.push(true);
    expect(await run(registry, admin, 'ser reb')).toEqual([]);
    expect(app.reboots).toEqual(['Admin']);
    expect(app.audits).toEqual([{ user: 'Admin', action: 'SERVER REBOOT', detail: '' }]);
  });

  it('is refused before the question where nothing would restart the daemon (ERR 47)', async () => {
    app.rebootable = false;
    expect(await run(registry, admin, 'SERVER REBOOT')).toEqual(errorLines('SERVER REBOOT', 'SERVER',
      'ERR 47 - Reboot not available: this daemon was not started by ccmd serve, so nothing would start it again'));
    expect(admin.session?.questions).toEqual([]);
  });

  it('needs SCON, and a terminal for its question (ccmd exec: ERR 15)', async () => {
    const jdoe = contextFor(app, 'jdoe');
    expect(await run(registry, jdoe, 'SERVER REBOOT')).toEqual(errorLines('SERVER REBOOT', 'SERVER', 'ERR 04 - Insufficient privileges: needs the SCON right'));
    const oneShot = contextFor(app, 'Admin', { interactive: false });
    expect(await run(registry, oneShot, 'SERVER REBOOT')).toEqual(errorLines('SERVER REBOOT', 'REBOOT',
      'ERR 15 - Not available on this connection: SERVER REBOOT asks Y/N: run it at a login (ccmd console, SSH, Telnet)'));
    expect(app.reboots).toEqual([]);
  });
});

describe('commands for hardware ccmd does not have (ERR 46)', () => {
  it.each([
    ['SERVER FLASH', 'FLASH', 'ccmd has no firmware or flash memory'],
    ['server flash host=10.0.0.1 file=ccm.bin', 'flash', 'ccmd has no firmware or flash memory'],
    ['SER NFS PRIMARY=10.0.0.2 DIR=/logs ENABLE', 'NFS', 'ccmd does not mount file systems'],
  ])('%s says why, never Unknown command', async (line, token, why) => {
    const lines = await run(registry, admin, line);
    expect(lines.slice(0, 2)).toEqual(errorLines(line, token, '').slice(0, 2));
    expect(lines[2]).toMatch(/^ERR 46 - Not available without the appliance hardware: /);
    expect(lines[2]).toContain(why);
  });

  it('HELP lists them with the reason', async () => {
    expect(await run(registry, admin, 'HELP SERVER FLASH')).toContain('  Not available here: ccmd has no firmware or flash memory; update it as software (npm ci && npm run build, or your package manager), then SERVER REBOOT.');
  });
});

describe('SHOW SERVER time and uptime', () => {
  it('shows the time (UTC) and uptime first, for anyone; SERVER REBOOT listed in HELP', async () => {
    const jdoe = contextFor(app, 'jdoe');
    const lines = await run(registry, jdoe, 'SHOW SERVER');
    expect(lines.slice(0, 2)).toEqual(['Time:               2023-11-14T22:13:20Z', 'Uptime:             0d 01:00:00']);
    app.clock += 2 * 86_400_000 + 61_000;
    expect((await run(registry, jdoe, 'SHOW SERVER'))[1]).toBe('Uptime:             2d 01:01:01');
    expect((await run(registry, jdoe, 'HELP')).join('\n')).toMatch(/SERVER SET[\s\S]*SERVER REBOOT/);
  });
});
