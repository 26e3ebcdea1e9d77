/**
 * SPEC §5/§6: an idle time-out is recorded in the session history as `idle-timeout` (issue 13).
 * Minutes are too slow to wait for, so the REAL daemon runs in-process on a FakeClock: a real
 * telnet client logs in straight to port 1 (TIMEOUT=1 minute), the test advances the clock past
 * the time-out, the client is told and dropped, and the history (through the session service,
 * as SHOW SESSION <id> HISTORY and the API read it) holds the event with the user's name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultPortSettings } from '../../src/store/port-settings-repository.js';
import { silentLogger } from '../../src/logger.js';
import { startDaemon, type RunningDaemon } from '../../src/runtime/daemon.js';
import { telnetClient, type InteractiveClient } from '../support/clients.js';
import { FakeClock } from '../support/fake-clock.js';
import { seedUsers } from '../support/users.js';

const MINUTE = 60_000;
let dir: string;
let daemon: RunningDaemon;
let client: InteractiveClient | null = null;
const clock = new FakeClock();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-idle-'));
  const dataDir = join(dir, 'data');
  await seedUsers(dataDir, [{ name: 'ann', password: 'idle-pass1' }], { ports: [{ ...defaultPortSettings(1), timeoutMinutes: 1 }] });
  daemon = await startDaemon({
    clock, logger: silentLogger(),
    overrides: { dataDir, profile: 'ccm850', telnetPort: -1, sshPort: 0, portTelnetBase: 0, portSshBase: 0, webPort: 0 },
  });
});

afterAll(async () => {
  await client?.close();
  await daemon?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('idle time-out on a port', () => {
  it('ends the connection and records idle-timeout in the session history', async () => {
    client = telnetClient({ port: daemon.listeners.telnet });
    await client.expect('Username:', 10_000);
    client.send('ann:1\r');
    await client.expect('Password:', 5000);
    client.send('idle-pass1\r');
    await client.expect('[ccmd] Connection complete: port 1', 10_000);
    const sessions = daemon.services.services.sessions;
    const console = daemon.services.services.actor('(console)', { method: 'console', address: '' });
    const id = sessions.list(console)[0]?.session;
    expect(id).toMatch(/^S\d+$/);

    clock.advance(MINUTE - 1);
    expect(client.output).not.toContain('Inactivity time-out');
    clock.advance(1);
    await client.expect('[ccmd] Inactivity time-out', 5000);
    await vi.waitFor(() => {
      const history = sessions.history(console, id!);
      expect(history.ok && history.history.events.map((e) => [e.event, e.user])).toContainEqual(['idle-timeout', 'ann']);
    }, { timeout: 5000 });
    const history = sessions.history(console, id!);
    const events = history.ok ? history.history.events.map((e) => e.event) : [];
    expect(events.indexOf('idle-timeout')).toBeGreaterThan(events.indexOf('created'));
  }, 60_000);
});
