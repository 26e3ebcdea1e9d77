/**
 * Issue 15: the RADIUS exchange over UDP (RFC 2865 §2.5): each configured server in turn
 * (primary, then secondary), each tried `retries + 1` times with `timeoutSeconds` between
 * tries; the first verified answer decides. Answers that fail verification are dropped and the
 * wait goes on (radius-packet.ts). One socket per server attempt, connected to that server so
 * the kernel drops datagrams from anyone else, closed when the attempt ends.
 */
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { RadiusSettings, SecretServer } from '../../store/auth-settings-repository.js';
import { grantsFromFilterIds } from '../grant.js';
import { serverName, type RemoteAnswer, type RemoteBackend } from '../remote-backend.js';
import {
  accessRequest, MAX_PAP_PASSWORD_BYTES, MAX_USER_NAME_BYTES, readAnswer, type RadiusAnswer,
} from './radius-packet.js';

export const NAS_IDENTIFIER = 'ccmd';

type Attempt =
  | { readonly kind: 'answer'; readonly answer: Extract<RadiusAnswer, { ok: true }> }
  | { readonly kind: 'silent'; readonly problem: string };

/** Sends `request` to one server until a verified answer comes or the tries run out. */
function askServer(server: SecretServer, request: Buffer, timeoutMs: number, tries: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    let timer: NodeJS.Timeout | null = null;
    let sent = 0;
    let lastInvalid = '';
    let done = false;
    const finish = (attempt: Attempt): void => {
      if (done) return;
      done = true;
      if (timer !== null) clearTimeout(timer);
      socket.close();
      resolve(attempt);
    };
    const send = (): void => {
      sent += 1;
      socket.send(request, (err) => { if (err) finish({ kind: 'silent', problem: err.message }); });
      timer = setTimeout(() => {
        if (sent < tries) send();
        else finish({ kind: 'silent', problem: `no answer after ${tries} tries${lastInvalid && `; last answer dropped: ${lastInvalid}`}` });
      }, timeoutMs);
    };
    // ECONNREFUSED (ICMP port unreachable on a connected socket), DNS failures: server down.
    socket.on('error', (err) => finish({ kind: 'silent', problem: err.message }));
    socket.on('message', (datagram) => {
      const answer = readAnswer(datagram, request, server.secret);
      if (answer.ok) finish({ kind: 'answer', answer });
      else lastInvalid = answer.reason;
    });
    socket.connect(server.port, server.host, send);
  });
}

export class RadiusBackend implements RemoteBackend {
  readonly method = 'RADIUS' as const;

  constructor(private readonly settings: RadiusSettings) {}

  async check(user: string, password: string): Promise<RemoteAnswer> {
    const servers = [this.settings.primary, this.settings.secondary].filter((s): s is SecretServer => s !== null);
    if (servers.length === 0) return { kind: 'unreachable', problems: ['no RADIUS server configured'] };
    const problems: string[] = [];
    for (const server of servers) {
      const name = serverName(server);
      // Cannot be sent as PAP: no server could accept it, and saying so costs nothing.
      if (Buffer.byteLength(password) > MAX_PAP_PASSWORD_BYTES || Buffer.byteLength(user) > MAX_USER_NAME_BYTES) {
        return { kind: 'reject', server: name, detail: 'name or password too long for RADIUS' };
      }
      const request = accessRequest({
        user, password, secret: server.secret, identifier: randomInt(256), nasIdentifier: NAS_IDENTIFIER,
      });
      let attempt: Attempt;
      try {
        attempt = await askServer(server, request, this.settings.timeoutSeconds * 1000, this.settings.retries + 1);
      } catch (err) {
        attempt = { kind: 'silent', problem: (err as Error).message };
      }
      if (attempt.kind === 'silent') {
        problems.push(`${name}: ${attempt.problem}`);
        continue;
      }
      const { code, filterIds } = attempt.answer;
      if (code === 'accept') return { kind: 'accept', server: name, grants: grantsFromFilterIds(filterIds) };
      // Decided: ccmd does no challenge-response, so a challenge is a no.
      return { kind: 'reject', server: name, ...(code === 'challenge' ? { detail: 'Access-Challenge not supported' } : {}) };
    }
    return { kind: 'unreachable', problems };
  }
}
