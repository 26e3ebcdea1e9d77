/**
 * TACACS+ authorization bodies (RFC 8907 §6): REQUEST (client) and RESPONSE (server), and the
 * `name=value` / `name*value` arguments both carry (§6.1: `=` mandatory, `*` optional).
 */
import { FieldReader, field } from './tacacs-fields.js';
import type { Decoded } from './tacacs-packet.js';
import { encodeServerHead, encodeUserHead, readServerHead, readUserHead, type UserFields } from './tacacs-headers.js';

export const AuthorStatus = { PASS_ADD: 0x01, PASS_REPL: 0x02, FAIL: 0x10, ERROR: 0x11, FOLLOW: 0x21 } as const;
/** §6.1 authen_method: how the user was authenticated (TACACS+ itself). */
export const AuthenMethod = { TACACSPLUS: 0x06 } as const;

export interface AuthorRequest extends UserFields {
  readonly authenMethod: number;
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
  if (req.args.length > 255) throw new RangeError('more than 255 arguments');
  const args = req.args.map((a) => field(a, 255, 'arg'));
  const { head, strings } = encodeUserHead(req.authenMethod, req, args.length);
  return Buffer.concat([head, Buffer.from(args.map((a) => a.length)), ...strings, ...args]);
}

export function decodeAuthorRequest(body: Buffer): Decoded<AuthorRequest> {
  const r = new FieldReader(body);
  const { lead: authenMethod, tail: argCount, strings } = readUserHead(r);
  const lengths = Array.from({ length: argCount }, () => r.u8());
  const fields = strings();
  const args = lengths.map((n) => r.text(n));
  return r.finish({ authenMethod, ...fields, args }, 'authorization REQUEST');
}

export function encodeAuthorResponse(res: AuthorResponse): Buffer {
  const msg = field(res.serverMsg, 0xffff, 'server_msg');
  const data = field(res.data, 0xffff, 'data');
  if (res.args.length > 255) throw new RangeError('more than 255 arguments');
  const args = res.args.map((a) => field(a, 255, 'arg'));
  const head = encodeServerHead(res.status, args.length, msg.length, data.length);
  return Buffer.concat([head, Buffer.from(args.map((a) => a.length)), msg, data, ...args]);
}

export function decodeAuthorResponse(body: Buffer): Decoded<AuthorResponse> {
  const r = new FieldReader(body);
  const { status, second: argCount, msgLength, dataLength } = readServerHead(r);
  const lengths = Array.from({ length: argCount }, () => r.u8());
  const serverMsg = r.text(msgLength);
  const data = r.text(dataLength);
  const args = lengths.map((n) => r.text(n));
  return r.finish({ status, serverMsg, data, args }, 'authorization RESPONSE');
}
