/**
 * A command that throws is a bug, not a reason to lose the login: the user gets ERR 21 from the
 * catalogue (issue 13), the error is logged at error level with passwords masked, and nothing of
 * the internals reaches the user.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { APPLIANCEADMIN_ACCESS } from '../domain/rights.js';
import { ApplianceCli } from './appliance-cli.js';
import type { DaemonServices } from './daemon-services.js';

/** Only what ApplianceCli reads: the caller's access, and a user service that fails. */
const failing = {
  accessOf: () => APPLIANCEADMIN_ACCESS,
  services: { users: { add: () => Promise.reject(new Error('secret internals')) } },
} as unknown as DaemonServices;

describe('ApplianceCli', () => {
  it('answers a throwing command with ERR 21 and logs it at error level', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => { logged.push(line); } });
    const cli = new ApplianceCli(failing, logger);
    const reply = await cli.exec('USER ADD jdoe PASSWORD=hunter2', false);
    expect(reply).toEqual({ status: 1, output: 'USER ADD jdoe PASSWORD=*******\nERR 21 - Internal error' });
    expect(logged).toHaveLength(1);
    const record = JSON.parse(logged[0]!) as { level: number; msg: string; line: string; err: { message: string } };
    expect(record).toMatchObject({ level: 50, msg: 'command failed', line: 'USER ADD jdoe PASSWORD=*******' });
    expect(record.err.message).toBe('secret internals');
  });
});
