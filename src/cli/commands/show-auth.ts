/**
 * Issue 15: the SHOW SERVER sections for central authentication (the AUTH= line of SECURITY,
 * RADIUS, LDAP, TACACS), from the service's secret-free view: only whether a secret is set.
 */
import type { AuthSettingsView } from '../../services/auth-settings.js';

export type AuthTopic = 'RADIUS' | 'LDAP' | 'TACACS';
export interface Section { data: Record<string, unknown>; fields: [string, string][] }

function hostPortText(server: { host: string; port: number } | null): string {
  if (server === null) return '-';
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

function serverFields(label: string, s: AuthSettingsView['radius'] | AuthSettingsView['tacacs']): [string, string][] {
  return [[`${label} primary`, hostPortText(s.primary)], [`${label} secondary`, hostPortText(s.secondary)],
    [`${label} secrets`, s.primary === null && s.secondary === null ? '-' : 'set (not shown)']];
}

export function authSection(topic: AuthTopic, view: AuthSettingsView): Section {
  switch (topic) {
    case 'RADIUS': {
      const r = view.radius;
      return { data: { radius: r }, fields: [...serverFields('RADIUS', r),
        ['RADIUS timeout', `${r.timeoutSeconds} s, ${r.retries} ${r.retries === 1 ? 'retry' : 'retries'}`],
        ['RADIUS default', r.defaultAccess ?? 'NONE']] };
    }
    case 'TACACS': {
      const t = view.tacacs;
      return { data: { tacacs: t }, fields: [...serverFields('TACACS', t),
        ['TACACS timeout', `${t.timeoutSeconds} s`], ['TACACS login', t.login], ['TACACS service', t.service],
        ['TACACS default', t.defaultAccess ?? 'NONE']] };
    }
    case 'LDAP': {
      const l = view.ldap;
      const url = (s: typeof l.primary) => (s === null ? '-' : `${s.tls ? 'ldaps' : 'ldap'}://${hostPortText(s)}`);
      return { data: { ldap: l }, fields: [
        ['LDAP primary', url(l.primary)], ['LDAP secondary', url(l.secondary)], ['LDAP base', l.baseDn || '-'],
        ['LDAP bind DN', l.bindDn || '(anonymous)'], ['LDAP bind password', l.bindPasswordSet ? 'set (not shown)' : '-'],
        ['LDAP user attr', l.userAttribute], ['LDAP timeout', `${l.timeoutSeconds} s`],
        ...l.groups.map((g): [string, string] => ['LDAP group', `${g.dn} -> ${g.access}`]),
        ['LDAP default', l.defaultAccess ?? 'NONE']] };
    }
  }
}
