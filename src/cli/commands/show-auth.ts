/**
 * Issue 15: the SHOW SERVER sections for central authentication (SECURITY's AUTH= line,
 * RADIUS, LDAP, TACACS). Secrets are never shown, only whether one is set.
 */
import type { AuthSettings, LdapServer } from '../../store/auth-settings-repository.js';
import { serverText } from '../../store/auth-settings-repository.js';

export type AuthTopic = 'RADIUS' | 'LDAP' | 'TACACS';
export interface Section { data: Record<string, unknown>; fields: [string, string][] }

function secretServers(s: { primary: { host: string; port: number; secret: string } | null; secondary: typeof s.primary }) {
  const view = (server: typeof s.primary) => (server === null ? null : { host: server.host, port: server.port, secretSet: true });
  return {
    data: { primary: view(s.primary), secondary: view(s.secondary) },
    fields: [['Primary', serverText(s.primary)], ['Secondary', serverText(s.secondary)],
      ['Secrets', [s.primary, s.secondary].filter((x) => x !== null).length === 0 ? '-' : 'set (not shown)']] as [string, string][],
  };
}

function ldapUrl(server: LdapServer | null): string {
  return server === null ? '-' : `${server.tls ? 'ldaps' : 'ldap'}://${serverText(server)}`;
}

export function authSection(topic: AuthTopic, all: AuthSettings): Section {
  switch (topic) {
    case 'RADIUS': {
      const r = all.radius;
      const servers = secretServers(r);
      return {
        data: { radius: { ...servers.data, timeoutSeconds: r.timeoutSeconds, retries: r.retries, defaultAccess: r.defaultAccess } },
        fields: [...servers.fields.map(([k, v]): [string, string] => [`RADIUS ${k.toLowerCase()}`, v]),
          ['RADIUS timeout', `${r.timeoutSeconds} s, ${r.retries} ${r.retries === 1 ? 'retry' : 'retries'}`], ['RADIUS default', r.defaultAccess ?? 'NONE']],
      };
    }
    case 'TACACS': {
      const t = all.tacacs;
      const servers = secretServers(t);
      return {
        data: { tacacs: { ...servers.data, timeoutSeconds: t.timeoutSeconds, login: t.login, service: t.service, defaultAccess: t.defaultAccess } },
        fields: [...servers.fields.map(([k, v]): [string, string] => [`TACACS ${k.toLowerCase()}`, v]),
          ['TACACS timeout', `${t.timeoutSeconds} s`], ['TACACS login', t.login], ['TACACS service', t.service],
          ['TACACS default', t.defaultAccess ?? 'NONE']],
      };
    }
    case 'LDAP': {
      const l = all.ldap;
      return {
        data: { ldap: {
          primary: l.primary, secondary: l.secondary, baseDn: l.baseDn, bindDn: l.bindDn, bindPasswordSet: l.bindPassword !== '',
          userAttribute: l.userAttribute, timeoutSeconds: l.timeoutSeconds, groups: l.groups, defaultAccess: l.defaultAccess,
        } },
        fields: [['LDAP primary', ldapUrl(l.primary)], ['LDAP secondary', ldapUrl(l.secondary)], ['LDAP base', l.baseDn || '-'],
          ['LDAP bind DN', l.bindDn || '(anonymous)'], ['LDAP bind password', l.bindPassword === '' ? '-' : 'set (not shown)'],
          ['LDAP user attr', l.userAttribute], ['LDAP timeout', `${l.timeoutSeconds} s`],
          ...l.groups.map((g): [string, string] => ['LDAP group', `${g.dn} -> ${g.access}`]),
          ['LDAP default', l.defaultAccess ?? 'NONE']],
      };
    }
  }
}
