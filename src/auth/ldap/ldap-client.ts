/**
 * Issue 15, LDAP with `ldapts`: on each configured server in turn, bind as the service account
 * (`bindDn`, or anonymously), find the user's entry by `userAttribute`, find the groups that
 * list it (`member`, `uniqueMember`, `memberUid`, and the entry's own `memberOf`), then bind as
 * the user with the password. Groups map to rights through `groups` (group DN → access).
 * A server that cannot be reached, times out, or refuses the service account has not judged
 * the user (unreachable: the next server, then the next method); no entry, an ambiguous name
 * or a refused user bind is a no. An empty password is a no without asking: LDAP servers treat
 * a bind with an empty password as an anonymous bind and say yes (RFC 4513 §5.1.2).
 */
import { Client, EqualityFilter, InvalidCredentialsError, OrFilter } from 'ldapts';
import type { LdapServer, LdapSettings } from '../../store/auth-settings-repository.js';
import { serverName, type RemoteAnswer, type RemoteBackend } from '../remote-backend.js';
import { normaliseDn } from './ldap-dn.js';


function urlOf(server: LdapServer): string {
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  return `${server.tls ? 'ldaps' : 'ldap'}://${host}:${server.port}`;
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (Buffer.isBuffer(v) ? v.toString() : String(v)));
  if (value === undefined || value === null) return [];
  return [Buffer.isBuffer(value) ? value.toString() : String(value)];
}

type ServerVerdict = RemoteAnswer | { readonly kind: 'skip'; readonly problem: string };

export class LdapBackend implements RemoteBackend {
  readonly method = 'LDAP' as const;

  constructor(private readonly settings: LdapSettings) {}

  async check(user: string, password: string): Promise<RemoteAnswer> {
    const servers = [this.settings.primary, this.settings.secondary].filter((s): s is LdapServer => s !== null);
    if (servers.length === 0) return { kind: 'unreachable', problems: ['no LDAP server configured'] };
    const problems: string[] = [];
    for (const server of servers) {
      if (password === '') return { kind: 'reject', server: serverName(server), detail: 'empty password' };
      const verdict = await this.askServer(server, user, password);
      if (verdict.kind !== 'skip') return verdict;
      problems.push(`${serverName(server)}: ${verdict.problem}`);
    }
    return { kind: 'unreachable', problems };
  }

  private client(server: LdapServer): Client {
    const ms = this.settings.timeoutSeconds * 1000;
    return new Client({ url: urlOf(server), timeout: ms, connectTimeout: ms });
  }

  private async askServer(server: LdapServer, user: string, password: string): Promise<ServerVerdict> {
    const name = serverName(server);
    const service = this.client(server);
    let userDn: string;
    let groups: string[];
    try {
      await service.bind(this.settings.bindDn, this.settings.bindPassword);
      const found = await service.search(this.settings.baseDn, {
        scope: 'sub', sizeLimit: 2, attributes: ['memberOf'],
        filter: new EqualityFilter({ attribute: this.settings.userAttribute, value: user }),
      });
      if (found.searchEntries.length !== 1) {
        const detail = found.searchEntries.length === 0 ? 'no such user' : 'name matches several entries';
        return { kind: 'reject', server: name, detail };
      }
      const entry = found.searchEntries[0] as { dn: string; memberOf?: unknown };
      userDn = entry.dn;
      const listed = await service.search(this.settings.baseDn, {
        scope: 'sub', attributes: ['dn'], sizeLimit: 256,
        filter: new OrFilter({ filters: [
          new EqualityFilter({ attribute: 'member', value: userDn }),
          new EqualityFilter({ attribute: 'uniqueMember', value: userDn }),
          new EqualityFilter({ attribute: 'memberUid', value: user }),
        ] }),
      });
      groups = [...strings(entry.memberOf), ...listed.searchEntries.map((e) => e.dn)];
    } catch (err) {
      return { kind: 'skip', problem: `service search failed: ${(err as Error).message}` };
    } finally {
      await service.unbind().catch(() => undefined);
    }
    const asUser = this.client(server);
    try {
      await asUser.bind(userDn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return { kind: 'reject', server: name, detail: 'wrong password' };
      return { kind: 'skip', problem: `user bind failed: ${(err as Error).message}` };
    } finally {
      await asUser.unbind().catch(() => undefined);
    }
    const memberOf = new Set(groups.map(normaliseDn));
    const grants = this.settings.groups.filter((g) => memberOf.has(normaliseDn(g.dn))).map((g) => g.access);
    return { kind: 'accept', server: name, grants };
  }
}
