/**
 * TACACS+ authentication bodies (RFC 8907 §5): START (client), REPLY (server), CONTINUE
 * (client). Encoders for both ends, so the test fixture server speaks the same codec the
 * client does (and Debian's Perl client checks both against an independent implementation).
 */
import { FieldReader, field } from './tacacs-fields.js';
import type { Decoded } from './tacacs-packet.js';

export const AuthenAction = { LOGIN: 0x01 } as const;
export const AuthenType = { ASCII: 0x01, PAP: 0x02 } as const;
export const AuthenService = { LOGIN: 0x01 } as const;
export const AuthenStatus = {
  PASS: 0x01, FAIL: 0x02, GETDATA: 0x03, GETUSER: 0x04, GETPASS: 0x05, RESTART: 0x06, ERROR: 0x07, FOLLOW: 0x21,
} as const;
export const ReplyFlag = { NOECHO: 0x01 } as const;
export const ContinueFlag = { ABORT: 0x01 } as const;

export interface AuthenStart {
  readonly action: number;
  readonly privLvl: number;
  readonly authenType: number;
  readonly service: number;
  readonly user: string;
  readonly port: string;
  readonly remAddr: string;
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
  const user = field(start.user, 255, 'user');
  const port = field(start.port, 255, 'port');
  const remAddr = field(start.remAddr, 255, 'rem_addr');
  const data = field(start.data, 255, 'data');
  return Buffer.concat([
    Buffer.from([start.action, start.privLvl, start.authenType, start.service, user.length, port.length, remAddr.length, data.length]),
    user, port, remAddr, data,
  ]);
}

export function decodeAuthenStart(body: Buffer): Decoded<AuthenStart> {
  const r = new FieldReader(body);
  const [action, privLvl, authenType, service, userLen, portLen, remLen, dataLen] =
    [r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8()];
  const user = r.text(userLen);
  const port = r.text(portLen);
  const remAddr = r.text(remLen);
  const data = Buffer.from(r.bytes(dataLen));
  return r.finish({ action, privLvl, authenType, service, user, port, remAddr, data }, 'authentication START');
}

export function encodeAuthenReply(reply: AuthenReply): Buffer {
  const msg = field(reply.serverMsg, 0xffff, 'server_msg');
  const data = field(reply.data, 0xffff, 'data');
  const head = Buffer.alloc(6);
  head[0] = reply.status;
  head[1] = reply.flags;
  head.writeUInt16BE(msg.length, 2);
  head.writeUInt16BE(data.length, 4);
  return Buffer.concat([head, msg, data]);
}

export function decodeAuthenReply(body: Buffer): Decoded<AuthenReply> {
  const r = new FieldReader(body);
  const status = r.u8();
  const flags = r.u8();
  const msgLen = r.u16();
  const dataLen = r.u16();
  const serverMsg = r.text(msgLen);
  const data = Buffer.from(r.bytes(dataLen));
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
