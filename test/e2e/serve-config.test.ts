/**
 * `ccmd serve` with a bad config or profile: a clear error naming the file and field, exit 1,
 * nothing left listening (issue 2/3: validated at start-up).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'ccmd-serve-config-'));

describe('ccmd serve refuses a bad configuration', () => {
  it('names the file and the field, and exits 1', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ ports: { 3: { parity: 'MAYBE' } } }));
    const result = await runCli(['serve', '--config', config, '--data', join(dir, 'data')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ccmd: bad configuration: ${config}: ports.3.parity:`);
  });

  it('names an unknown profile file', async () => {
    const result = await runCli(['serve', '--profile', 'ccm9999', '--data', join(dir, 'data2')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ccmd: bad configuration: .*profiles\/ccm9999\.json: cannot read/);
  });
});
