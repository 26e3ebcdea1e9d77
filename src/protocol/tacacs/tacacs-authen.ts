/**
 * TACACS+ authentication bodies (RFC 8907 §5): START (client), REPLY (server), CONTINUE
 * (client). Encoders for both ends, so the test fixture server speaks the same codec the
 * client does (and Debian's Perl client checks both against an independent implementation).
 */
import { FieldReader, field } from './tacacs-fields.js';
import type { Decoded } from './tacacs-packet.js';
import { encodeServerHead, encodeUserHead, readServerHead, readUserHead, type UserFields } from './tacacs-headers.js';

export const AuthenAction = { LOGIN: 0x01 } as const;
export const AuthenType = { ASCII: 0x01, PAP: 0x02 } as const;
export const AuthenService = { LOGIN: 0x01 } as const;
export const AuthenStatus = {
  PASS: 0x01, FAIL: 0x02, GETDATA: 0x03, GETUSER: 0x04, GETPASS: 0x05, RESTART: 0x06, ERROR: 0x07, FOLLOW: 0x21,
} as const;
export const ReplyFlag = { NOECHO: 0x01 } as const;
export const ContinueFlag = { ABORT: 0x01 } as const;

export interface AuthenStart extends UserFields {
  readonly action: number;
  /** PAP: the password; ASCII: empty. */
  readonly data: Buffer;
}

export interface AuthenReply {
  readonly status: number;
  readonly flags: number;
  readonly serverMsg: string;
  readonly data: Buffer;
}

export interface AuthenContinue {
  readonly userMsg: string;
  readonly data: Buffer;
  readonly flags: number;
}

export function encodeAuthenStart(start: AuthenStart): Buffer {
  const data = field(start.data, 255, 'data');
  const { head, strings } = encodeUserHead(start.action, start, data.length);
  return Buffer.concat([head, ...strings, data]);
}

export function decodeAuthenStart(body: Buffer): Decoded<AuthenStart> {
  const r = new FieldReader(body);
  const { lead: action, tail: dataLen, strings } = readUserHead(r);
  const fields = strings();
  const data = Buffer.from(r.bytes(dataLen));
  return r.finish({ action, ...fields, data }, 'authentication START');
}

export function encodeAuthenReply(reply: AuthenReply): Buffer {
  const msg = field(reply.serverMsg, 0xffff, 'server_msg');
  const data = field(reply.data, 0xffff, 'data');
  return Buffer.concat([encodeServerHead(reply.status, reply.flags, msg.length, data.length), msg, data]);
}

export function decodeAuthenReply(body: Buffer): Decoded<AuthenReply> {
  const r = new FieldReader(body);
  const { status, second: flags, msgLength, dataLength } = readServerHead(r);
  const serverMsg = r.text(msgLength);
  const data = Buffer.from(r.bytes(dataLength));
  return r.finish({ status, flags, serverMsg, data }, 'authentication REPLY');
}

export function encodeAuthenContinue(cont: AuthenContinue): Buffer {
  const msg = field(cont.userMsg, 0xffff, 'user_msg');
  const data = field(cont.data, 0xffff, 'data');
  const head = Buffer.alloc(5);
  head.writeUInt16BE(msg.length, 0);
  head.writeUInt16BE(data.length, 2);
  head[4] = cont.flags;
  return Buffer.concat([head, msg, data]);
}

export function decodeAuthenContinue(body: Buffer): Decoded<AuthenContinue> {
  const r = new FieldReader(body);
  const msgLen = r.u16();
  const dataLen = r.u16();
  const flags = r.u8();
  const userMsg = r.text(msgLen);
  const data = Buffer.from(r.bytes(dataLen));
  return r.finish({ userMsg, data, flags }, 'authentication CONTINUE');
}
