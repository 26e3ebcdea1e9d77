import { describe, expect, it } from 'vitest';
import type { NoticeKind } from '../domain/notices.js';
import { parseClientMessage, statusOfNotice, type ConnectionStatus } from './terminal-protocol.js';

describe('statusOfNotice: the CPAM connection statuses in words (SPEC §10)', () => {
  const table: [NoticeKind, ConnectionStatus | null][] = [
    ['connected', 'Connection Complete'],
    ['insufficientPrivileges', 'Insufficient Privileges'],
    ['deviceUnavailable', 'Failed to Connect to Service'],
    ['portInUse', 'Connection Failed'],
    ['shareRefused', 'Connection Failed'],
    ['shareTimedOut', 'Connection Failed'],
    ['portLimit', 'Connection Failed'],
    ['applianceLimit', 'Connection Failed'],
    ['waitingForApproval', 'Waiting for approval'],
    ['preempted', 'Connection Disconnected'],
    ['loggedOut', 'Connection Disconnected'],
    ['sessionEnded', 'Connection Disconnected'],
    ['inactivity', 'Connection Disconnected'],
    ['disconnected', 'Connection Disconnected'],
    ['joined', null], ['left', null], ['newOriginator', null], ['deviceLost', null], ['deviceBack', null],
    ['shareQuery', null], ['choiceOffered', null],
  ];
  it.each(table)('%s → %s', (kind, status) => expect(statusOfNotice(kind)).toBe(status));
});

describe('parseClientMessage', () => {
  it('reads resize and break', () => {
    expect(parseClientMessage('{"type":"resize","cols":80,"rows":24}')).toEqual({ type: 'resize', cols: 80, rows: 24 });
    expect(parseClientMessage('{"type":"break"}')).toEqual({ type: 'break' });
  });
  it.each(['', 'null', '[]', '42', '{"type":"resize","cols":0,"rows":24}', '{"type":"resize","cols":80.5,"rows":24}',
    '{"type":"resize","cols":80,"rows":100000}', '{"type":"resize","cols":"80","rows":24}', '{"type":"exec"}', '{'])(
    'refuses %j without throwing', (text) => expect(parseClientMessage(text)).toBeNull());
});
