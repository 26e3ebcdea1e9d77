/**
 * Issue 15, TACACS+ (RFC 8907): authentication by ASCII login (START, GETPASS, CONTINUE,
 * REPLY) or PAP (the password in START), then authorization on a new session asking for
 * `service=<service>` (default `ccmd`); the rights come from `ccmd-access=<access>` arguments
 * in the answer (grant.ts). Each configured server in turn; a server that cannot be reached,
 * times out, answers ERROR or sends bytes that do not decode with our key has not judged the
 * user (unreachable); FAIL from authentication or authorization is a no.
 */
import { randomBytes } from 'node:crypto';
import {
  AuthenAction, AuthenService, AuthenStatus, AuthenType, decodeAuthenReply, encodeAuthenContinue, encodeAuthenStart,
} from '../../protocol/tacacs/tacacs-authen.js';
import {
  AuthenMethod, AuthorStatus, decodeAuthorResponse, encodeAuthorRequest, parseArg,
} from '../../protocol/tacacs/tacacs-author.js';
import {
  encodePacket, MINOR_DEFAULT, MINOR_ONE, PacketType, type Packet, type PacketHeader,
} from '../../protocol/tacacs/tacacs-packet.js';
import type { SecretServer, TacacsSettings } from '../../store/auth-settings-repository.js';
import { serverName, type RemoteAnswer, type RemoteBackend } from '../remote-backend.js';
import { TacacsConnection } from './tacacs-connection.js';

/** Port field of START and REQUEST: names the client program (servers log it). */
export const TACACS_PORT_NAME = 'ccmd';
/** The authorization argument that carries ccmd rights. */
export const ACCESS_ARG = 'ccmd-access';
const PRIV_LVL_USER = 1;
/** ASCII login: at most this many prompts (user, password, and a spare) before giving up. */
const MAX_PROMPTS = 3;

type Verdict = { readonly kind: 'pass' } | { readonly kind: 'fail'; readonly detail: string };

class Unanswered extends Error {}

function sessionId(): number {
  return randomBytes(4).readUInt32BE(0);
}

/** The reply must belong to our session, in sequence, of the expected type (§4.1). */
function checkReply(reply: Packet, sent: PacketHeader): void {
  const h = reply.header;
  if (h.sessionId !== sent.sessionId || h.type !== sent.type || h.seqNo !== sent.seqNo + 1) {
    throw new Unanswered(`answer out of sequence (session ${h.sessionId}, seq ${h.seqNo}, type ${h.type})`);
  }
}

export class TacacsBackend implements RemoteBackend {
  readonly method = 'TACACS' as const;

  constructor(private readonly settings: TacacsSettings) {}

  async check(user: string, password: string): Promise<RemoteAnswer> {
    const servers = [this.settings.primary, this.settings.secondary].filter((s): s is SecretServer => s !== null);
    if (servers.length === 0) return { kind: 'unreachable', problems: ['no TACACS+ server configured'] };
    if (Buffer.byteLength(user) > 255 || Buffer.byteLength(password) > 255) {
      return { kind: 'reject', server: serverName(servers[0] as SecretServer), detail: 'name or password too long' };
    }
    const problems: string[] = [];
    for (const server of servers) {
      const name = serverName(server);
      try {
        const verdict = await this.authenticate(server, user, password);
        if (verdict.kind === 'fail') return { kind: 'reject', server: name, detail: verdict.detail };
        const grants = await this.authorize(server, user);
        if (grants === null) return { kind: 'reject', server: name, detail: 'authorization refused' };
        return { kind: 'accept', server: name, grants };
      } catch (err) {
        problems.push(`${name}: ${(err as Error).message}`);
      }
    }
    return { kind: 'unreachable', problems };
  }

  private async open(server: SecretServer): Promise<TacacsConnection> {
    return TacacsConnection.open(server.host, server.port, server.secret, this.settings.timeoutSeconds * 1000);
  }

  private async authenticate(server: SecretServer, user: string, password: string): Promise<Verdict> {
    const pap = this.settings.login === 'PAP';
    const connection = await this.open(server);
    try {
      let header: PacketHeader = {
        minorVersion: pap ? MINOR_ONE : MINOR_DEFAULT, type: PacketType.AUTHEN, seqNo: 1, flags: 0, sessionId: sessionId(),
      };
      let body = encodeAuthenStart({
        action: AuthenAction.LOGIN, privLvl: PRIV_LVL_USER, authenType: pap ? AuthenType.PAP : AuthenType.ASCII,
        service: AuthenService.LOGIN, user, port: TACACS_PORT_NAME, remAddr: '', data: Buffer.from(pap ? password : ''),
      });
      for (let step = 0; step <= MAX_PROMPTS; step++) {
        const reply = await connection.exchange(encodePacket(header, body, server.secret));
        checkReply(reply, header);
        const decoded = decodeAuthenReply(reply.body);
        if (!decoded.ok) throw new Unanswered(`${decoded.error} (wrong secret?)`);
        const { status, serverMsg } = decoded.value;
        if (status === AuthenStatus.PASS) return { kind: 'pass' };
        if (status === AuthenStatus.FAIL) return { kind: 'fail', detail: serverMsg || 'authentication failed' };
        const answer = status === AuthenStatus.GETUSER ? user
          : status === AuthenStatus.GETPASS || status === AuthenStatus.GETDATA ? password : null;
        if (answer === null || pap) throw new Unanswered(`authentication status ${status}${serverMsg && `: ${serverMsg}`}`);
        header = { ...header, seqNo: reply.header.seqNo + 1 };
        body = encodeAuthenContinue({ userMsg: answer, data: Buffer.alloc(0), flags: 0 });
      }
      throw new Unanswered('too many prompts');
    } finally {
      connection.close();
    }
  }

  /** The access texts granted, or null when authorization is refused. */
  private async authorize(server: SecretServer, user: string): Promise<string[] | null> {
    const connection = await this.open(server);
    try {
      const header: PacketHeader = { minorVersion: MINOR_DEFAULT, type: PacketType.AUTHOR, seqNo: 1, flags: 0, sessionId: sessionId() };
      const body = encodeAuthorRequest({
        authenMethod: AuthenMethod.TACACSPLUS, privLvl: PRIV_LVL_USER,
        authenType: this.settings.login === 'PAP' ? AuthenType.PAP : AuthenType.ASCII, service: AuthenService.LOGIN,
        user, port: TACACS_PORT_NAME, remAddr: '', args: [`service=${this.settings.service}`],
      });
      const reply = await connection.exchange(encodePacket(header, body, server.secret));
      checkReply(reply, header);
      const decoded = decodeAuthorResponse(reply.body);
      if (!decoded.ok) throw new Unanswered(`${decoded.error} (wrong secret?)`);
      const { status, args } = decoded.value;
      if (status === AuthorStatus.FAIL) return null;
      if (status !== AuthorStatus.PASS_ADD && status !== AuthorStatus.PASS_REPL) {
        throw new Unanswered(`authorization status ${status}`);
      }
      return args.map(parseArg).filter((a) => a !== null && a.name === ACCESS_ARG).map((a) => (a as { value: string }).value);
    } finally {
      connection.close();
    }
  }
}
