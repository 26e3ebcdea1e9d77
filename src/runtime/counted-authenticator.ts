/**
 * SPEC §10 `ccmd_logins_total{method,result}`, counted where credentials are decided: every way in
 * (SSH, Telnet, API, web) checks through this one wrapper around the daemon's `Authenticator`.
 * An offered SSH key that does not match is not counted (SPEC §9 decided: not a failed login).
 */
import type { AuthOutcome, Authenticator } from '../transports/auth.js';
import type { DaemonMetrics, LoginResult } from './metrics.js';

function resultOf(outcome: AuthOutcome): LoginResult {
  if (outcome.ok) return 'success';
  if (outcome.reason === 'locked') return 'locked';
  if (outcome.reason === 'method-disabled') return 'disabled';
  return 'failure';
}

export function countedAuthenticator<A extends Authenticator>(inner: A, metrics: DaemonMetrics): Authenticator {
  return {
    async checkPassword(user, password, client) {
      const outcome = await inner.checkPassword(user, password, client);
      metrics.login(client.method, resultOf(outcome));
      return outcome;
    },
    async checkPublicKey(user, algo, data, client) {
      const outcome = await inner.checkPublicKey(user, algo, data, client);
      if (outcome.ok || outcome.reason !== 'bad-credentials') metrics.login(client.method, resultOf(outcome));
      return outcome;
    },
    sshMethods: () => inner.sshMethods(),
  };
}
