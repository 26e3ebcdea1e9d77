/**
 * TACACS+ authorization bodies (RFC 8907 §6): REQUEST (client) and RESPONSE (server), and the
 * `name=value` / `name*value` arguments both carry (§6.1: `=` mandatory, `*` optional).
 */
import { FieldReader, field } from './tacacs-fields.js';
import type { Decoded } from './tacacs-packet.js';

export const AuthorStatus = { PASS_ADD: 0x01, PASS_REPL: 0x02, FAIL: 0x10, ERROR: 0x11, FOLLOW: 0x21 } as const;
/** §6.1 authen_method: how the user was authenticated (TACACS+ itself). */
export const AuthenMethod = { TACACSPLUS: 0x06 } as const;

export interface AuthorRequest {
  readonly authenMethod: number;
  readonly privLvl: number;
  readonly authenType: number;
  readonly service: number;
  readonly user: string;
  readonly port: string;
  readonly remAddr: string;
  readonly args: readonly string[];
}

export interface AuthorResponse {
  readonly status: number;
  readonly serverMsg: string;
  readonly data: string;
  readonly args: readonly string[];
}

export interface AuthorArg {
  readonly name: string;
  readonly value: string;
  readonly mandatory: boolean;
}

/** `service=ccmd` → { name: 'service', value: 'ccmd', mandatory: true }; null without a separator. */
export function parseArg(text: string): AuthorArg | null {
  const at = text.search(/[=*]/);
  if (at <= 0) return null;
  return { name: text.slice(0, at), value: text.slice(at + 1), mandatory: text[at] === '=' };
}

export function encodeAuthorRequest(req: AuthorRequest): Buffer {
  const user = field(req.user, 255, 'user');
  const port = field(req.port, 255, 'port');
  const remAddr = field(req.remAddr, 255, 'rem_addr');
  if (req.args.length > 255) throw new RangeError('more than 255 arguments');
  const args = req.args.map((a) => field(a, 255, 'arg'));
  return Buffer.concat([
    Buffer.from([req.authenMethod, req.privLvl, req.authenType, req.service, user.length, port.length, remAddr.length, args.length]),
    Buffer.from(args.map((a) => a.length)), user, port, remAddr, ...args,
  ]);
}

export function decodeAuthorRequest(body: Buffer): Decoded<AuthorRequest> {
  const r = new FieldReader(body);
  const [authenMethod, privLvl, authenType, service, userLen, portLen, remLen, argCount] =
    [r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8()];
  const lengths = Array.from({ length: argCount }, () => r.u8());
  const user = r.text(userLen);
  const port = r.text(portLen);
  const remAddr = r.text(remLen);
  const args = lengths.map((n) => r.text(n));
  return r.finish({ authenMethod, privLvl, authenType, service, user, port, remAddr, args }, 'authorization REQUEST');
}

export function encodeAuthorResponse(res: AuthorResponse): Buffer {
  const msg = field(res.serverMsg, 0xffff, 'server_msg');
  const data = field(res.data, 0xffff, 'data');
  if (res.args.length > 255) throw new RangeError('more than 255 arguments');
  const args = res.args.map((a) => field(a, 255, 'arg'));
  const head = Buffer.alloc(6);
  head[0] = res.status;
  head[1] = args.length;
  head.writeUInt16BE(msg.length, 2);
  head.writeUInt16BE(data.length, 4);
  return Buffer.concat([head, Buffer.from(args.map((a) => a.length)), msg, data, ...args]);
}

export function decodeAuthorResponse(body: Buffer): Decoded<AuthorResponse> {
  const r = new FieldReader(body);
  const status = r.u8();
  const argCount = r.u8();
  const msgLen = r.u16();
  const dataLen = r.u16();
  const lengths = Array.from({ length: argCount }, () => r.u8());
  const serverMsg = r.text(msgLen);
  const data = r.text(dataLen);
  const args = lengths.map((n) => r.text(n));
  return r.finish({ status, serverMsg, data, args }, 'authorization RESPONSE');
}
