/**
 * scripts/virtual-ports.sh: N socat pairs, a ccmd.json the config schema accepts, bytes through
 * a pair, and everything removed on TERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { openPeer } from '../support/socat.js';
import { collect } from './serial-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ccmd-vports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/virtual-ports.sh', () => {
  it('makes N pty pairs and a config for them, and cleans up on TERM', async () => {
    const proc = spawn('bash', ['scripts/virtual-ports.sh', '2', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      await vi.waitFor(() => { expect(out.includes('ccmd.json'), 'the script to print its config path').toBe(true); }, { timeout: 5000, interval: 10 });
      const config = configSchema.parse(JSON.parse(readFileSync(join(dir, 'ccmd.json'), 'utf8')));
      expect(Object.keys(config.ports)).toEqual(['1', '2']);
      expect(config.ports['1']?.device).toBe(join(dir, 'ttyS1'));
      expect(config.ports['2']?.device).toBe(join(dir, 'ttyS2'));
      const ccmdEnd = openPeer(join(dir, 'ttyS2'));
      const deviceEnd = openPeer(join(dir, 'dev2'));
      const heard = collect(deviceEnd);
      ccmdEnd.write('ping');
      await vi.waitFor(() => { expect(heard.text(), 'bytes across pair 2').toBe('ping'); }, { timeout: 5000, interval: 10 });
      ccmdEnd.destroy();
      deviceEnd.destroy();
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'ttyS1'))).toBe(false);
  });
});
