/**
 * SPEC §3, §5 and issue 13: OpenSSH's `~B` on the built daemon goes through the ssh2 break patch,
 * the BREAK right and the port's device, and lands in the session history as `break-sent`; a user
 * without BREAK is told so and nothing is sent or recorded.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, holdPort, notice } from './access-fixture.js';
import { historyTriples, showSessionsRow } from './sessions-fixture.js';

let daemon: DaemonProcess;
const clients = new Clients(() => daemon);

beforeAll(async () => {
  daemon = await startDaemon({ dataDir: await seededDataDir(CAST), profile: 'ccm850' });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

it('~B from OpenSSH sends a break to the port and records break-sent; without BREAK it is refused', async () => {
  const admin = await holdPort(clients, 'ssh', 'adm1', 2);
  admin.send('\r~B');
  const session = (await showSessionsRow(daemon, 2))[3]!;
  await expect.poll(() => historyTriples(daemon, session), { timeout: 10_000 }).toContainEqual(['break-sent', 'adm1']);

  const user = await holdPort(clients, 'ssh', 'usr1', 3);
  user.send('\r~B');
  await user.expect(notice('Break refused: insufficient privileges'));
  const other = (await showSessionsRow(daemon, 3))[3]!;
  expect((await historyTriples(daemon, other)).map(([event]) => event)).not.toContain('break-sent');
});
