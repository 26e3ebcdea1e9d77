/**
 * Issue 15, RADIUS (RFC 2865 PAP) without I/O: the Access-Request ccmd sends and the check of
 * an answer. The `radius` package encodes the request (PAP password hiding, and the
 * Message-Authenticator of RFC 3579 on every request, as servers hardened against BlastRADIUS
 * require). Answers are checked here, not with the package: its checks compare digests as
 * UTF-8 strings (lossy, so different digests can compare equal) and not in constant time.
 * An answer counts only when its Response Authenticator and its Message-Authenticator
 * (required on every answer) are right for our request and secret.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import radius from 'radius';

const CODE_ACCEPT = 2;
const CODE_REJECT = 3;
const CODE_CHALLENGE = 11;
const ATTR_FILTER_ID = 11;
const ATTR_MESSAGE_AUTHENTICATOR = 80;
const HEADER = 20;
const MAX_PACKET = 4096;
/** RFC 2865 §5.2: User-Password is at most 128 octets. */
export const MAX_PAP_PASSWORD_BYTES = 128;
/** RFC 2865 §5: a string attribute is at most 253 octets. */
export const MAX_USER_NAME_BYTES = 253;

export interface RequestParts {
  readonly user: string;
  readonly password: string;
  readonly secret: string;
  readonly identifier: number;
  /** NAS-Identifier: tells the server which client asks (FreeRADIUS logs it). */
  readonly nasIdentifier: string;
}

/** An Access-Request with a random Request Authenticator; the caller keeps it to check answers. */
export function accessRequest(parts: RequestParts): Buffer {
  return radius.encode({
    code: 'Access-Request',
    secret: parts.secret,
    identifier: parts.identifier,
    attributes: [
      ['User-Name', parts.user],
      ['User-Password', parts.password],
      ['NAS-Identifier', parts.nasIdentifier],
      ['Service-Type', 'Login-User'],
    ],
    add_message_authenticator: true,
  });
}

export type RadiusAnswer =
  | { readonly ok: true; readonly code: 'accept' | 'reject' | 'challenge'; readonly filterIds: readonly string[] }
  | { readonly ok: false; readonly reason: string };

function invalid(reason: string): RadiusAnswer {
  return { ok: false, reason };
}

function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const CODES: Readonly<Record<number, 'accept' | 'reject' | 'challenge'>> = {
  [CODE_ACCEPT]: 'accept', [CODE_REJECT]: 'reject', [CODE_CHALLENGE]: 'challenge',
};

/**
 * Checks `datagram` as the answer to `request` (the bytes we sent). Never throws: anything
 * malformed, forged or for another request is `ok: false` with the reason, and the caller
 * keeps waiting for the real answer (RFC 2865 §3: invalid answers are silently discarded).
 */
export function readAnswer(datagram: Buffer, request: Buffer, secret: string): RadiusAnswer {
  if (datagram.length < HEADER || request.length < HEADER) return invalid('shorter than a RADIUS header');
  const length = datagram.readUInt16BE(2);
  if (length < HEADER || length > MAX_PACKET || length > datagram.length) return invalid(`bad length ${length}`);
  const packet = datagram.subarray(0, length);
  if (packet[1] !== request[1]) return invalid('answer to another request (identifier)');
  const code = CODES[packet[0] as number];
  if (code === undefined) return invalid(`unexpected code ${packet[0]}`);
  const requestAuthenticator = request.subarray(4, HEADER);
  const expected = createHash('md5')
    .update(packet.subarray(0, 4)).update(requestAuthenticator).update(packet.subarray(HEADER)).update(secret)
    .digest();
  if (!sameDigest(expected, packet.subarray(4, HEADER))) return invalid('bad Response Authenticator (wrong secret?)');
  let messageAuthenticatorAt = -1;
  const filterIds: string[] = [];
  for (let at = HEADER; at < length;) {
    if (at + 2 > length) return invalid('truncated attribute');
    const type = packet[at] as number;
    const size = packet[at + 1] as number;
    if (size < 2 || at + size > length) return invalid(`bad attribute length ${size}`);
    if (type === ATTR_MESSAGE_AUTHENTICATOR) {
      if (size !== 18 || messageAuthenticatorAt !== -1) return invalid('bad Message-Authenticator');
      messageAuthenticatorAt = at + 2;
    } else if (type === ATTR_FILTER_ID) {
      filterIds.push(packet.toString('utf8', at + 2, at + size));
    }
    at += size;
  }
  if (messageAuthenticatorAt === -1) return invalid('no Message-Authenticator');
  const zeroed = Buffer.from(packet);
  requestAuthenticator.copy(zeroed, 4);
  zeroed.fill(0, messageAuthenticatorAt, messageAuthenticatorAt + 16);
  const mac = createHmac('md5', secret).update(zeroed).digest();
  if (!sameDigest(mac, packet.subarray(messageAuthenticatorAt, messageAuthenticatorAt + 16))) {
    return invalid('bad Message-Authenticator (wrong secret?)');
  }
  return { ok: true, code, filterIds };
}
