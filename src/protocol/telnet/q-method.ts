/**
 * The RFC 1143 "Q method" for one option on one side: the state machine that makes option
 * negotiation loop-free. Each function mutates the given state and says what to send back
 * (`'enable'` = WILL/DO, `'disable'` = WONT/DONT, null = nothing).
 */
export type QState = 'NO' | 'YES' | 'WANTNO' | 'WANTYES';

export interface QOption {
  state: QState;
  /** RFC 1143 queue bit: true = OPPOSITE (the other request is queued behind the pending one). */
  opposite: boolean;
}

export type QReply = 'enable' | 'disable' | null;

export function newQOption(): QOption {
  return { state: 'NO', opposite: false };
}

/** The peer asked to enable (received WILL for remote, DO for local). */
export function receivedEnable(q: QOption, acceptable: boolean): QReply {
  switch (q.state) {
    case 'NO':
      if (!acceptable) return 'disable';
      q.state = 'YES';
      return 'enable';
    case 'YES':
      return null;
    case 'WANTNO':
      // RFC 1143: a WILL answering our DONT is a peer error; with OPPOSITE queued we wanted it anyway.
      q.state = q.opposite ? 'YES' : 'NO';
      q.opposite = false;
      return null;
    case 'WANTYES':
      if (q.opposite) {
        q.state = 'WANTNO';
        q.opposite = false;
        return 'disable';
      }
      q.state = 'YES';
      return null;
  }
}

/** The peer asked to disable (received WONT for remote, DONT for local). */
export function receivedDisable(q: QOption): QReply {
  switch (q.state) {
    case 'NO':
      return null;
    case 'YES':
      q.state = 'NO';
      return 'disable';
    case 'WANTNO':
      if (q.opposite) {
        q.state = 'WANTYES';
        q.opposite = false;
        return 'enable';
      }
      q.state = 'NO';
      return null;
    case 'WANTYES':
      q.state = 'NO';
      q.opposite = false;
      return null;
  }
}

/** We want the option on. */
export function askEnable(q: QOption): QReply {
  switch (q.state) {
    case 'NO':
      q.state = 'WANTYES';
      return 'enable';
    case 'YES':
      return null;
    case 'WANTNO':
      q.opposite = true;
      return null;
    case 'WANTYES':
      q.opposite = false;
      return null;
  }
}

/** We want the option off. */
export function askDisable(q: QOption): QReply {
  switch (q.state) {
    case 'NO':
      return null;
    case 'YES':
      q.state = 'WANTNO';
      return 'disable';
    case 'WANTNO':
      q.opposite = false;
      return null;
    case 'WANTYES':
      q.opposite = true;
      return null;
  }
}
