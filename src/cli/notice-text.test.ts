import { describe, expect, it } from 'vitest';
import type { Notice, NoticeKind } from '../domain/notices.js';
import { noticeText } from './notice-text.js';

const names: Record<number, string> = { 3: 'router1', 5: 'switch-a' };
const portName = (n: number): string => names[n] ?? `port${n}`;

/** One row per notice kind (SPEC §7), with the exact text. */
const CASES: [Notice, string][] = [
  [{ kind: 'connected', port: 3, exclusive: false, sharedWith: 1 }, '[ccmd] Connection complete: port 3 (router1), shared with 1'],
  [{ kind: 'insufficientPrivileges', port: 4 }, '[ccmd] Insufficient privileges: port 4'],
  [{ kind: 'portInUse', port: 3, user: 'alice' }, '[ccmd] Port 3 in use by alice'],
  [{ kind: 'choiceOffered', port: 3, user: 'alice', level: 'ADMIN', options: ['E', 'N', 'S', 'D'] },
    "[ccmd] Port 3 in use by alice (ADMIN). E)xclusive, N)on-exclusive, S)hare, D)on't connect?"],
  [{ kind: 'waitingForApproval', port: 3, user: 'alice' }, '[ccmd] Waiting for alice to approve sharing of port 3'],
  [{ kind: 'shareQuery', port: 3, user: 'bob', level: 'USER' }, '[ccmd] bob (USER) asks to share port 3. Allow? (Y/N)'],
  [{ kind: 'shareRefused', user: 'alice' }, '[ccmd] Share request refused by alice'],
  [{ kind: 'shareTimedOut' }, '[ccmd] Share request timed out'],
  [{ kind: 'portLimit', port: 3 }, '[ccmd] Port 3 session limit reached'],
  [{ kind: 'applianceLimit' }, '[ccmd] Appliance session limit reached'],
  [{ kind: 'deviceUnavailable', port: 7 }, '[ccmd] Connection failed: port 7 device unavailable'],
  [{ kind: 'preempted', port: 3, user: 'root', level: 'APPLIANCEADMIN' }, '[ccmd] Preempted from port 3 by root (APPLIANCEADMIN)'],
  [{ kind: 'joined', port: 3, user: 'bob' }, '[ccmd] bob joined port 3'],
  [{ kind: 'left', port: 3, user: 'bob' }, '[ccmd] bob left port 3'],
  [{ kind: 'newOriginator', port: 3, user: 'bob' }, '[ccmd] bob is now session originator on port 3'],
  [{ kind: 'loggedOut', user: 'Admin' }, '[ccmd] Logged out by Admin'],
  [{ kind: 'sessionEnded', user: 'Admin' }, '[ccmd] Session ended by Admin'],
  [{ kind: 'inactivity' }, '[ccmd] Inactivity time-out'],
  [{ kind: 'deviceLost', port: 2 }, '[ccmd] Port 2 device lost'],
  [{ kind: 'deviceBack', port: 2 }, '[ccmd] Port 2 device back'],
  [{ kind: 'disconnected', port: 3 }, '[ccmd] Connection disconnected: port 3'],
  [{ kind: 'outputDropped', port: 3, bytes: 5000, inHistory: 5000 },
    '[ccmd] 5000 bytes of port 3 output dropped (client too slow); PORT 3 HISTORY shows them'],
  [{ kind: 'outputDropped', port: 3, bytes: 300000, inHistory: 65536 },
    '[ccmd] 300000 bytes of port 3 output dropped (client too slow); PORT 3 HISTORY shows the last 65536 of them'],
  [{ kind: 'outputDropped', port: 3, bytes: 300000, inHistory: 0 },
    '[ccmd] 300000 bytes of port 3 output dropped (client too slow)'],
];

describe('noticeText (SPEC §7)', () => {
  it.each(CASES)('%o', (notice, text) => {
    expect(noticeText(notice, portName)).toBe(text);
  });

  it('covers every notice kind', () => {
    const kinds: Record<NoticeKind, true> = {
      connected: true, insufficientPrivileges: true, portInUse: true, choiceOffered: true, waitingForApproval: true,
      shareQuery: true, shareRefused: true, shareTimedOut: true, portLimit: true, applianceLimit: true,
      deviceUnavailable: true, preempted: true, joined: true, left: true, newOriginator: true, loggedOut: true,
      sessionEnded: true, inactivity: true, deviceLost: true, deviceBack: true, disconnected: true,
      outputDropped: true,
    };
    expect(new Set(CASES.map(([n]) => n.kind))).toEqual(new Set(Object.keys(kinds)));
  });

  it('an exclusive connection says so; an unshared one adds nothing', () => {
    expect(noticeText({ kind: 'connected', port: 5, exclusive: true, sharedWith: 0 }, portName))
      .toBe('[ccmd] Connection complete: port 5 (switch-a), exclusive');
    expect(noticeText({ kind: 'connected', port: 5, exclusive: false, sharedWith: 0 }, portName))
      .toBe('[ccmd] Connection complete: port 5 (switch-a)');
  });

  it('drops S)hare when sharing is not offered, keeping the order E, N, D', () => {
    expect(noticeText({ kind: 'choiceOffered', port: 3, user: 'alice', level: 'USER', options: ['D', 'N', 'E'] }, portName))
      .toBe("[ccmd] Port 3 in use by alice (USER). E)xclusive, N)on-exclusive, D)on't connect?");
  });
});
