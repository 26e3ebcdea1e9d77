/**
 * The wording of SPEC §7 notices, in one place (STYLE: policy says what, this says how).
 * Every notice is one line starting `[ccmd] `; the runtime adds the line ending.
 */
import type { Notice } from '../domain/notices.js';
import type { Choice } from '../domain/share.js';

export const NOTICE_PREFIX = '[ccmd] ';

const CHOICE_TEXT: Record<Choice, string> = {
  E: 'E)xclusive',
  N: 'N)on-exclusive',
  S: 'S)hare',
  D: "D)on't connect",
};
const CHOICE_ORDER: readonly Choice[] = ['E', 'N', 'S', 'D'];

/** `E)xclusive, N)on-exclusive, S)hare, D)on't connect?`, with only the offered choices (decided). */
function choiceList(options: readonly Choice[]): string {
  return `${CHOICE_ORDER.filter((c) => options.includes(c)).map((c) => CHOICE_TEXT[c]).join(', ')}?`;
}

/**
 * Decided (issue 14): how much a slow connection missed, and where to read it: the history buffer
 * keeps the newest bytes of the port, so it may hold all, part or none of what was dropped.
 */
function outputDropped(n: Extract<Notice, { kind: 'outputDropped' }>): string {
  const what = `${n.bytes} bytes of port ${n.port} output dropped (client too slow)`;
  if (n.inHistory >= n.bytes) return `${what}; PORT ${n.port} HISTORY shows them`;
  if (n.inHistory > 0) return `${what}; PORT ${n.port} HISTORY shows the last ${n.inHistory} of them`;
  return what;
}

/** The text after the prefix. `portName(n)` gives the name shown in `Connection complete`. */
export function noticeBody(notice: Notice, portName: (port: number) => string): string {
  switch (notice.kind) {
    case 'connected': {
      const how = notice.exclusive ? ', exclusive' : notice.sharedWith > 0 ? `, shared with ${notice.sharedWith}` : '';
      return `Connection complete: port ${notice.port} (${portName(notice.port)})${how}`;
    }
    case 'insufficientPrivileges': return `Insufficient privileges: port ${notice.port}`;
    case 'portInUse': return `Port ${notice.port} in use by ${notice.user}`;
    case 'choiceOffered':
      return `Port ${notice.port} in use by ${notice.user} (${notice.level}). ${choiceList(notice.options)}`;
    case 'waitingForApproval': return `Waiting for ${notice.user} to approve sharing of port ${notice.port}`;
    case 'shareQuery': return `${notice.user} (${notice.level}) asks to share port ${notice.port}. Allow? (Y/N)`;
    case 'shareRefused': return `Share request refused by ${notice.user}`;
    case 'shareTimedOut': return 'Share request timed out';
    case 'portLimit': return `Port ${notice.port} session limit reached`;
    case 'applianceLimit': return 'Appliance session limit reached';
    case 'deviceUnavailable': return `Connection failed: port ${notice.port} device unavailable`;
    case 'preempted': return `Preempted from port ${notice.port} by ${notice.user} (${notice.level})`;
    case 'joined': return `${notice.user} joined port ${notice.port}`;
    case 'left': return `${notice.user} left port ${notice.port}`;
    case 'newOriginator': return `${notice.user} is now session originator on port ${notice.port}`;
    case 'loggedOut': return `Logged out by ${notice.user}`;
    case 'sessionEnded': return `Session ended by ${notice.user}`;
    case 'inactivity': return 'Inactivity time-out';
    case 'deviceLost': return `Port ${notice.port} device lost`;
    case 'deviceBack': return `Port ${notice.port} device back`;
    case 'disconnected': return `Connection disconnected: port ${notice.port}`;
    case 'outputDropped': return outputDropped(notice);
  }
}

/** The whole notice line: `[ccmd] ` and the text (SPEC §7). */
export function noticeText(notice: Notice, portName: (port: number) => string): string {
  return NOTICE_PREFIX + noticeBody(notice, portName);
}
