/** Issue 15: the remote backend for a method, built from the settings as they are now. */
import type { AuthSettings, RemoteMethod } from '../store/auth-settings-repository.js';
import { LdapBackend } from './ldap/ldap-client.js';
import { RadiusBackend } from './radius/radius-client.js';
import type { RemoteBackend } from './remote-backend.js';
import { TacacsBackend } from './tacacs/tacacs-client.js';

export function backendFor(method: RemoteMethod, settings: AuthSettings): RemoteBackend {
  switch (method) {
    case 'RADIUS': return new RadiusBackend(settings.radius);
    case 'LDAP': return new LdapBackend(settings.ldap);
    case 'TACACS': return new TacacsBackend(settings.tacacs);
  }
}
