/**
 * The fixed openings that authentication and authorization bodies share (RFC 8907), written and
 * read in one place:
 * - a client's START (§5.1) and REQUEST (§6.1): one byte of their own (action / authen_method),
 *   priv_lvl, authen_type, authen_service, the user, port and rem_addr lengths, one more byte of
 *   their own (data_len / arg_cnt); the user, port and rem_addr strings follow later;
 * - a server's REPLY (§5.2) and RESPONSE (§6.2): status, one byte of their own (flags / arg_cnt),
 *   then the server_msg and data lengths (16 bits each).
 */
import { FieldReader, field } from './tacacs-fields.js';

/** Who is asking and from where: the fields START and REQUEST both carry. */
export interface UserFields {
  readonly privLvl: number;
  readonly authenType: number;
  readonly service: number;
  readonly user: string;
  readonly port: string;
  readonly remAddr: string;
}

/** The 8-byte opening of START / REQUEST and the user, port and rem_addr bytes to place after it. */
export function encodeUserHead(lead: number, fields: UserFields, tail: number): { head: Buffer; strings: Buffer[] } {
  const user = field(fields.user, 255, 'user');
  const port = field(fields.port, 255, 'port');
  const remAddr = field(fields.remAddr, 255, 'rem_addr');
  const head = Buffer.from([lead, fields.privLvl, fields.authenType, fields.service, user.length, port.length, remAddr.length, tail]);
  return { head, strings: [user, port, remAddr] };
}

/** Reads the 8-byte opening of START / REQUEST; `strings()` reads the user, port and rem_addr where they stand. */
export function readUserHead(r: FieldReader): { lead: number; tail: number; strings: () => UserFields } {
  const [lead, privLvl, authenType, service, userLen, portLen, remLen, tail] =
    [r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8()];
  const strings = () => {
    const user = r.text(userLen);
    const port = r.text(portLen);
    const remAddr = r.text(remLen);
    return { privLvl, authenType, service, user, port, remAddr };
  };
  return { lead, tail, strings };
}

/** The 6-byte opening of REPLY / RESPONSE. */
export function encodeServerHead(status: number, second: number, msgLength: number, dataLength: number): Buffer {
  const head = Buffer.alloc(6);
  head[0] = status;
  head[1] = second;
  head.writeUInt16BE(msgLength, 2);
  head.writeUInt16BE(dataLength, 4);
  return head;
}

export function readServerHead(r: FieldReader): { status: number; second: number; msgLength: number; dataLength: number } {
  const status = r.u8();
  const second = r.u8();
  const msgLength = r.u16();
  const dataLength = r.u16();
  return { status, second, msgLength, dataLength };
}
