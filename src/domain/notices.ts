import type { Level } from './levels.js';
import type { Choice } from './share.js';

/**
 * Notices of SPEC §7 as data. Policy code (the broker, the runtime) says *what* to tell whom;
 * `cli/notice-text.ts` renders the exact wording in one place.
 */
export type Notice =
  | { kind: 'connected'; port: number; exclusive: boolean; sharedWith: number }
  | { kind: 'insufficientPrivileges'; port: number }
  | { kind: 'portInUse'; port: number; user: string }
  | { kind: 'choiceOffered'; port: number; user: string; level: Level; options: readonly Choice[] }
  | { kind: 'waitingForApproval'; port: number; user: string }
  | { kind: 'shareQuery'; port: number; user: string; level: Level }
  | { kind: 'shareRefused'; user: string }
  | { kind: 'shareTimedOut' }
  | { kind: 'portLimit'; port: number }
  | { kind: 'applianceLimit' }
  | { kind: 'deviceUnavailable'; port: number }
  | { kind: 'preempted'; port: number; user: string; level: Level }
  | { kind: 'joined'; port: number; user: string }
  | { kind: 'left'; port: number; user: string }
  | { kind: 'newOriginator'; port: number; user: string }
  | { kind: 'loggedOut'; user: string }
  | { kind: 'sessionEnded'; user: string }
  | { kind: 'inactivity' }
  | { kind: 'deviceLost'; port: number }
  | { kind: 'deviceBack'; port: number }
  | { kind: 'disconnected'; port: number }
  /**
   * Issue 14: a connection too slow for its port lost `bytes` of output (its bounded queue was
   * full); `inHistory` of them are still in the port's history buffer (PORT n HISTORY).
   */
  | { kind: 'outputDropped'; port: number; bytes: number; inHistory: number };

export type NoticeKind = Notice['kind'];
