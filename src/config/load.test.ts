import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadProfile, PROFILES_DIR } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'ccmd-config-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function problemsOf(run: () => unknown): { file: string; problems: readonly string[] } {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return { file: err.file, problems: err.problems };
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('profiles (SPEC §1)', () => {
  it.each([
    ['ccm850', 8, 16],
    ['ccm1650', 16, 32],
    ['ccm4850', 48, 96],
  ])('%s has %i ports and %i sessions, 4 per port, 64 users, 64 KiB history', (name, ports, sessions) => {
    expect(loadProfile(name)).toMatchObject({ name, ports, maxSessions: sessions, maxPerPort: 4, maxUsers: 64, historyBytes: 65536 });
  });

  it('names the file and the field of a bad profile', () => {
    file('broken.json', JSON.stringify({ name: 'broken', ports: 0, maxSessions: 8, maxPerPort: 4, groupsPerUser: 1, maxUsers: 64, historyBytes: 65536 }));
    const error = problemsOf(() => loadProfile('broken', dir));
    expect(error.file).toBe(join(dir, 'broken.json'));
    expect(error.problems).toEqual([expect.stringMatching(/^ports: /)]);
  });

  it('reports a profile that is not JSON, or missing, with its path', () => {
    file('garbled.json', '{ "name": ');
    expect(problemsOf(() => loadProfile('garbled', dir)).problems[0]).toMatch(/^not valid JSON/);
    expect(problemsOf(() => loadProfile('absent', dir)).file).toBe(join(dir, 'absent.json'));
  });

  it('refuses unknown fields and fewer sessions in all than per port', () => {
    file('extra.json', JSON.stringify({ name: 'x', ports: 2, maxSessions: 2, maxPerPort: 4, groupsPerUser: 1, maxUsers: 64, historyBytes: 65536, colour: 'red' }));
    const problems = problemsOf(() => loadProfile('extra', dir)).problems;
    expect(problems.join(' ')).toMatch(/colour/);
  });

  it('ships the profiles beside the code', () => {
    expect(PROFILES_DIR.endsWith('profiles')).toBe(true);
  });
});

describe('the config file (README: Configuration)', () => {
  it('gives the documented defaults with no file', () => {
    const { config, profile } = loadConfig(undefined);
    expect(profile.name).toBe('ccm1650');
    expect(config).toMatchObject({ bind: '127.0.0.1', telnetPort: 2323, sshPort: 2222, portTelnetBase: 3000, portSshBase: 3100, dataDir: './data' });
    // Issue 12: the embedded default puts the simulated power strip on the profile's last port.
    expect(config.ports).toEqual({ 16: { powerStrip: { outlets: 8, cycleSeconds: 5 }, td: 'SPC' } });
    expect(loadConfig(undefined, { profile: 'ccm850' }).config.ports).toEqual({ 8: { powerStrip: { outlets: 8, cycleSeconds: 5 }, td: 'SPC' } });
  });

  it('a port has a device path or a power strip, not both; a strip\'s numbers are checked', () => {
    const both = file('both.json', JSON.stringify({ ports: { 1: { device: '/dev/ttyS0', powerStrip: {} } } }));
    expect(problemsOf(() => loadConfig(both)).problems).toEqual(['ports.1: a port has a device or a powerStrip, not both']);
    const bad = file('strip.json', JSON.stringify({ ports: { 2: { powerStrip: { outlets: 0 }, td: 'PDU' } } }));
    expect(problemsOf(() => loadConfig(bad)).problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ports\.2\.powerStrip\.outlets: /), expect.stringMatching(/^ports\.2\.td: /),
    ]));
    const ok = file('strip-ok.json', JSON.stringify({ ports: { 3: { powerStrip: { outlets: 4 }, td: 'SPC' } } }));
    expect(loadConfig(ok).config.ports['3']).toMatchObject({ powerStrip: { outlets: 4, cycleSeconds: 5 }, td: 'SPC' });
  });

  it('names every bad field with its path', () => {
    const path = file('bad.json', JSON.stringify({ telnetPort: 70000, ports: { 1: { baud: 'fast', parity: 'MAYBE' } } }));
    const error = problemsOf(() => loadConfig(path));
    expect(error.file).toBe(path);
    expect(error.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^telnetPort: /),
      expect.stringMatching(/^ports\.1\.baud: /),
      expect.stringMatching(/^ports\.1\.parity: /),
    ]));
  });

  it('names ports by the same rule as PORT n SET NAME= (the one settings table, issue 13)', () => {
    const path = file('names.json', JSON.stringify({ ports: { 1: { name: '7' }, 2: { name: 'all' }, 3: { name: 'x y' } } }));
    expect(problemsOf(() => loadConfig(path)).problems).toEqual([
      'ports.1.name: cannot be a number', 'ports.2.name: all is reserved', 'ports.3.name: must be 1-32 letters, digits, _ . -',
    ]);
  });

  it('refuses a port the profile does not have', () => {
    const path = file('port99.json', JSON.stringify({ profile: 'ccm850', ports: { 9: { device: '/dev/ttyUSB0' } } }));
    expect(problemsOf(() => loadConfig(path)).problems).toEqual(['ports.9: profile ccm850 has ports 1-8']);
  });

  it('lets command-line flags override the file, and ignores flags not given', () => {
    const path = file('ok.json', JSON.stringify({ sshPort: 2022, ports: { 2: { device: '/dev/ttyS1', name: 'switch1' } } }));
    const { config } = loadConfig(path, { sshPort: 0, telnetPort: undefined });
    expect(config.sshPort).toBe(0);
    expect(config.telnetPort).toBe(2323);
    expect(config.ports['2']).toMatchObject({ device: '/dev/ttyS1', name: 'switch1' });
  });

  it('names an unknown profile', () => {
    expect(problemsOf(() => loadConfig(undefined, { profile: 'ccm9999' })).file).toMatch(/ccm9999\.json$/);
  });
});
